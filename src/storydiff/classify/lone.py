"""Material only one version has: a quotation, a figure, a name or a correction note in an unaligned sentence.

An unaligned content sentence is listed under "only in A/B" either way; what this adds is the judgement. A
quotation nobody else reports, a figure or a name the other version never states, and a correction note
("An earlier version of this story misstated ...") are major: they add or drop what the story asserts. Any
other unaligned content sentence is a minor change (copies trim and pad); captions, bylines, headlines and
boilerplate are furniture and get no change at all.
"""

from __future__ import annotations

import re

from storydiff.classify.entity import is_name
from storydiff.classify.features import dates, document_facts, numbers
from storydiff.records import Change, Sentence
from storydiff.text import shorten
from storydiff.text.roles import CORRECTION
from storydiff.text.tokens import tokenize

_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def _quotation(text: str) -> bool:
    """Words in quotation marks, three or more: a quotation ("It is over," ...), not a scare-quoted term."""
    return any(len((m.group(1) or m.group(2)).split()) >= 3 for m in _QUOTED.finditer(text))


def detect(
    side: str, sentences: tuple[Sentence, ...], lone: tuple[int, ...], other_doc: str
) -> list[tuple[int, Change]]:
    """(sentence id, change) for each unaligned content sentence of ``side`` ("a" or "b")."""
    out = []
    other_names = {t.norm for t in tokenize(other_doc)}
    for i in lone:
        s = sentences[i]
        if s.role != "content":
            continue
        kind, why = _judge(s, other_doc, other_names)
        where = side.upper()
        severity = "minor" if kind == "wording" and why is None else "major"
        explanation = f"{why or 'a sentence'} only in {where}: “{shorten(s.text, 90)}”"
        out.append((i, _change(side, kind, severity, s, explanation)))
    return out


def _judge(s: Sentence, other_doc: str, other_names: set[str]):
    if CORRECTION.search(s.text):
        return "correction", "a correction note"
    if _quotation(s.text):
        return "quote", "a quotation"
    tokens = tokenize(s.text, s.start)
    for kind, label, extract in (("number", "a figure", numbers), ("date", "a date", dates)):
        stated = document_facts(extract, other_doc)
        if any(f.key not in stated for f in extract(tokens)):
            return kind, label
    names = [t for k, t in enumerate(tokens) if k > 0 and is_name(t, False) and t.norm not in other_names]
    if names:
        return "entity", f"a name the other version never mentions ({names[0].text})"
    return "wording", None


def detect_across(
    side: str, sentences: tuple[Sentence, ...], lone: tuple[int, ...], lang: str, other_lang: str
) -> list[tuple[int, Change]]:
    """Unaligned content sentences of a translation: each is major, since a translation that leaves out (or
    adds) a sentence changes what its readers are told; a copy in one language trims, a translation should
    not. The type says what the sentence carries (a quotation, a figure, a date) where it can; a fragment
    of a word or two is minor."""
    from storydiff.classify import translation
    from storydiff.text.language import Language

    out = []
    where, other = side.upper(), Language(other_lang, 1.0).name
    for i in lone:
        s = sentences[i]
        if s.role != "content":
            continue
        kinds = {f.kind for f in translation.facts([s], lang)}
        if CORRECTION.search(s.text):
            kind = "correction"
        else:
            kind = next((k for k in ("quote", "number", "date") if k in kinds), "wording")
        explanation = f"a sentence only in {where}, not in the {other} version: “{shorten(s.text, 90)}”"
        # A word or two ("Berlin.", "News"): a dateline or a site's name, not a sentence left out.
        fragment = len(s.text.split()) < 3 and len(s.text) < 12
        severity = "minor" if fragment and kind == "wording" else "major"
        out.append((i, _change(side, kind, severity, s, explanation)))
    return out


def _change(side: str, kind, severity, s: Sentence, explanation: str) -> Change:
    """A change for a whole sentence only ``side`` has: its text and span there, nothing on the other side."""
    span, none = (s.start, s.end), (0, 0)
    if side == "a":
        return Change(kind, severity, s.text, "", span, none, explanation)
    return Change(kind, severity, "", s.text, none, span, explanation)
