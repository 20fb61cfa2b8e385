"""Sentence splitting tuned for news: blingfire inside each paragraph, then repairs for what it gets wrong.

Paragraph breaks (newlines) always end a sentence, so headlines and captions without a full stop stand alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.text.roles import ENUMERATOR

_OPEN = "“"
_CLOSE = "”"
_CLOSERS = frozenset("」』）)]】»”")


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        chunk = para.group()
        if not chunk.strip():
            continue
        spans.extend((para.start() + s, para.start() + e) for s, e in _split_paragraph(chunk))
    return spans


def _offsets(para: str) -> list[tuple[int, int]]:
    """blingfire's sentences, located in ``para`` with str.find.

    ``text_to_sentences_and_offsets`` maps UTF-8 byte offsets back to characters in a Python loop; it was
    half of the corpus featurising time. blingfire only trims whitespace, so each sentence is found verbatim;
    where one is not (collapsed inner spaces), the slow exact call is used for that paragraph.
    """
    import blingfire

    out, pos = [], 0
    for sent in blingfire.text_to_sentences(para).split("\n"):
        if not sent.strip():
            continue
        at = para.find(sent, pos)
        if at < 0:
            return list(blingfire.text_to_sentences_and_offsets(para)[1])
        out.append((at, at + len(sent)))
        pos = at + len(sent)
    return out


# blingfire keeps "... sources. £31 million has been ..." together: a sentence may open with a currency
# sign or a digit. Not after an abbreviation that precedes numbers ("No. 5", "pp. 12").
_NUMERIC_START = re.compile(r"(?<=[a-z%)\]”\"'’][.!?])\s+(?=[£$€¥]?\d)")
_BEFORE_NUMBERS = frozenset(
    {"no", "nos", "nr", "pp", "p", "vol", "art", "fig", "ch", "sec", "op", "approx", "ca"}
)


def _numeric_cuts(para: str, s: int, e: int) -> list[tuple[int, int]]:
    out, start = [], s
    for m in _NUMERIC_START.finditer(para, s, e):
        word = re.search(r"(\w+)[.!?]$", para[start : m.start()])
        if word and word.group(1).lower() in _BEFORE_NUMBERS:
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, e))
    return out


def _split_paragraph(para: str) -> list[tuple[int, int]]:
    pieces = [(s, e) for s, e in _offsets(para) if para[s:e].strip()]
    pieces = [cut for s, e in pieces for cut in _numeric_cuts(para, s, e)]
    if not pieces:
        return []
    merged: list[tuple[int, int]] = [pieces[0]]
    for s, e in pieces[1:]:
        ps, pe = merged[-1]
        if _continues(para[ps:pe], para[s:e]):
            merged[-1] = (ps, e)
        else:
            merged.append((s, e))
    return [piece for s, e in merged for piece in _bounded(para, *_trim(para, s, e))]


MAX_SENTENCE_CHARS = 2_000
"""A "sentence" longer than this (ten times a long news sentence) is cut at spaces: text with no sentence
endings (a 4 MB single line) would otherwise be one sentence that every later stage chokes on."""


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        cut = cut if cut > s else s + MAX_SENTENCE_CHARS
        out.append(_trim(text, s, cut))
        s = cut
    out.append(_trim(text, s, e))
    return [(a, b) for a, b in out if b > a]


def _continues(prev: str, nxt: str) -> bool:
    """True where blingfire cut inside a quotation or before a lower-case continuation ("...?" she asked)."""
    first = nxt.lstrip()[:1]
    if ENUMERATOR.match(prev.strip()):
        return True  # "1. Double bangs: ...": a list's number opens its item, it is no sentence
    if first.islower() or first in _CLOSERS:
        return True  # "...。」と述べた": Japanese closing brackets belong to the sentence they close
    if _dotted_number(prev, nxt):
        return True
    if prev.count(_OPEN) > prev.count(_CLOSE) or prev.count("「") > prev.count("」"):
        return True
    return prev.count('"') % 2 == 1 and nxt.count('"') % 2 == 1


_ORDINAL_END = re.compile(r"(?<![\d.,])\d{1,2}\.$")
_SCALE_END = re.compile(r"\d[\s\u00a0]?([^\W\d_]{1,5}\.)$")
_ORDINAL_DOT_LANGUAGES = (
    "de",
    "da",
    "nb",
    "fi",
    "cs",
    "sk",
    "pl",
    "hu",
    "is",
    "sl",
    "hr",
    "et",
    "lv",
    "lt",
    "tr",
)


def _dotted_number(prev: str, nxt: str) -> bool:
    """ "am 12. Juni" and "25,3 Mrd. Euro": an ordinal's or a scale abbreviation's dot ends no sentence.

    Only before a month name (CLDR's, in the languages that write ordinals with a dot) or after a scale
    abbreviation CLDR lists ("Mio.", "Mrd.", "тыс."): "He was 12. Then..." still ends a sentence.
    """
    prev = prev.rstrip()
    if _ORDINAL_END.search(prev):
        word = re.match(r"[^\W\d_]+", nxt.lstrip())
        return bool(word) and word.group().lower() in _dotted_calendar()[0]
    m = _SCALE_END.search(prev)
    return bool(m) and m.group(1).lower() in _dotted_calendar()[1]


@lru_cache(maxsize=1)
def _dotted_calendar() -> tuple[frozenset[str], frozenset[str]]:
    """(month names of the ordinal-dot languages, scale abbreviations ending in a dot), from CLDR."""
    from storydiff.text import cldr

    months: set[str] = set()
    scales: set[str] = set()
    for code in _ORDINAL_DOT_LANGUAGES + ("ru", "uk", "fr", "it", "es", "nl", "pt"):
        if code in _ORDINAL_DOT_LANGUAGES:
            months.update(k for k, v in cldr.calendar(code).items() if v.startswith("month:") and len(k) > 2)
        scales.update(w.lower() for w, _ in cldr.scales(code, ("short",)) if w.endswith(".") and len(w) > 2)
    return frozenset(months), frozenset(scales)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
