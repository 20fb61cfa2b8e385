"""Changes that survive translation: what can be compared across languages without translating either side.

Digits are shared by most scripts, so figures are compared by value, read with each language's own decimal
and group marks and scale words ("1,5 Mio." = "1.5 million" = "150万"; CLDR's tables, through babel, not a
list of ours). Month and weekday names come from CLDR too, in every inflection CLDR records. Names are read
where capitalisation marks them (Latin and Cyrillic scripts, not German, which capitalises every noun) and
looked for on the other side through a transliteration (anyascii), so "Путин" finds "Putin"; an English
capitalised word WordNet knows ("Minister") is a translated word, not a name. A quotation on
one side only is a quote change. What is not compared, and is said so in the summary: names between scripts
that transliteration cannot bridge (Japanese, Chinese, Korean, Thai, Arabic), and negation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from storydiff.classify.features import _close, _fmt, _take, dates, numbers
from storydiff.records import Change, Relation, Sentence
from storydiff.text import cldr, shorten
from storydiff.text.tokens import tokenize

CAPITALISES_NOUNS = frozenset({"de", "lb"})
NAME_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
SMALL = 10
"""A count up to ten is often spelled out ("drei", "trois"), which is not parsed outside English: a small
number on one side only is minor."""
NAME_MATCH = 0.75
"""Transliterated similarity at which two spellings are one name ("zelenskii" / "zelensky", "putina" /
"putin"); below it, "Merkel" / "Macron" (0.33)."""

NAME_COSINE = 0.6
"""USE-multilingual cosine of two single words at which one renders the other: "Qatar" / "Katar" 0.65,
"Johnson" / "Джонсон" 0.78; other names score 0.33-0.51 ("Paris" / "Berlin"), neighbours up to 0.65
("France" / "Deutschland"), so a translated name is found and a different one mostly is not."""

_QUOTATION = re.compile(
    r"“[^”]{12,}”|„[^“”]{12,}[“”]|«[^»]{12,}»|「[^」]{12,}」|『[^』]{12,}』|\"[^\"]{12,}\""
)
# Digits glued to Latin or Cyrillic letters are part of a word ("G7", "COVID-19" stays a number); glued to
# CJK characters they are a number ("150万円", "7月25日").
_LETTER = "A-Za-z\u00c0-\u024f\u0400-\u04ff"
_NUMBER = re.compile(rf"(?<![\d.,{_LETTER}])\d+(?:[.,\u00a0\u202f ]\d+)*(?![{_LETTER}]*\d)")
_RANGE = re.compile(r"(?<=\d)[-–—~](?=\d)")
_NAME = re.compile(r"(?<![\w’'])[^\W\d_][\w’'\-]*", re.UNICODE)


@dataclass(frozen=True)
class Fact:
    kind: str  # "number", "date", "name", "quote"
    key: str
    span: tuple[int, int]
    text: str


Similar = Callable[[list[str], list[str]], np.ndarray]
"""Cosines between two lists of words in one multilingual space (the pipeline passes its encoder's)."""


def classify(
    a_doc: str,
    b_doc: str,
    a: list[Sentence],
    b: list[Sentence],
    lang_a: str,
    lang_b: str,
    similar: Similar | None = None,
) -> tuple[Relation, tuple[Change, ...]]:
    """Relation ("translation" when nothing comparable differs) and the changes of one aligned group.

    ``similar`` tells a translated name ("France" / "Frankreich" 0.96, "Moscow" / "Москвы" 0.85) from
    another name ("Merkel" / "Kowalski" 0.34), where transliteration cannot.
    """
    fa, fb = facts(a, lang_a), facts(b, lang_b)
    changes: list[Change] = []
    for kind in ("number", "date"):
        changes += _diff_values(kind, fa, fb, a_doc, b_doc, lang_a, lang_b, a, b)
    changes += _diff_names(fa, fb, lang_a, lang_b, a, b, a_doc, b_doc, similar)
    changes += _diff_quotes(fa, fb, a, b)
    if not changes:
        return "translation", ()
    changes.sort(key=lambda c: (c.severity != "major", c.a_span, c.b_span, c.type))
    return "changed", tuple(changes)


def comparable(lang_a: str, lang_b: str) -> list[str]:
    """What cannot be compared between these two languages, for the summary."""
    missing = []
    if not (_names_read(lang_a) or _names_read(lang_b)) or not (
        _names_searchable(lang_a) and _names_searchable(lang_b)
    ):
        missing.append("names")
    missing.append("negation")
    return missing


def facts(sentences: list[Sentence], lang: str) -> list[Fact]:
    """Numbers, dates, names and quotations of one side's sentences, with spans into the document."""
    out: list[Fact] = []
    for s in sentences:
        if lang == "en":
            # "(1896-1933)" is one token to the English reader; its years are what "（１８９６～１９３３年）"
            # states, so a range is read as its two ends (a space for the dash keeps every offset)
            tokens = tokenize(_RANGE.sub(" ", s.text), s.start)
            for kind, extract in (("number", numbers), ("date", dates)):
                for f in extract(tokens):
                    if f.key.startswith("rel:") or (
                        f.key.startswith("ord:") and not f.tokens[0].text[:1].isdigit()
                    ):
                        continue  # "today", "first": other languages' words for these are not read
                    out.append(
                        Fact(
                            *_neutral(kind, f.key), f.span, s.text[f.span[0] - s.start : f.span[1] - s.start]
                        )
                    )
        else:
            out += _foreign_values(s, lang)
        if _names_read(lang):
            out += _names(s, lang)
        for m in _QUOTATION.finditer(s.text):
            out.append(Fact("quote", "quote", (s.start + m.start(), s.start + m.end()), m.group()))
    return out


def _names(s: Sentence, lang: str) -> list[Fact]:
    """Capitalised words that are not a sentence's first word, nor a month or weekday."""
    out = []
    for m in _NAME.finditer(s.text):
        word = m.group()
        first = m.start() == 0 or s.text[: m.start()].rstrip().endswith(
            (".", "!", "?", ":", "«", "“", '"', "„")
        )
        name = word[0].isupper() and not first and len(word) > 1 and _script(word) in NAME_SCRIPTS
        if name and not calendar_word(word, lang) and not _dictionary_word(word, lang):
            out.append(Fact("name", _translit(word), (s.start + m.start(), s.start + m.end()), word))
    return out


def _dictionary_word(word: str, lang: str) -> bool:
    """An English capitalised word that WordNet knows ("Minister", "Government", "Finance") is translated, not
    transliterated, so the other language cannot be searched for it; names proper ("Scholz") are not in it."""
    if lang != "en":
        return False
    from storydiff.judge.lexicon import lexicon

    return bool(lexicon().synsets(word.lower()))


def _neutral(kind: str, key: str) -> tuple[str, str]:
    """English keys made comparable with the other languages': "ord:25" and "dom:25" are the number 25."""
    for prefix in ("ord:", "dom:"):
        if key.startswith(prefix):
            return "number", _fmt(float(key[len(prefix) :]))
    return kind, key


def _foreign_values(s: Sentence, lang: str) -> list[Fact]:
    decimal, group = cldr.number_symbols(lang)
    scales = cldr.scales(lang)
    out = []
    text = s.text
    joined_until = -1
    for m in _NUMBER.finditer(text):
        if m.start() < joined_until:
            continue  # the lower part of a compound figure already read ("1万1000": the 1000)
        raw = unicodedata.normalize("NFKC", m.group())
        value = _parse(raw, decimal, group)
        if value is None:
            continue
        end = m.end()
        tail = text[end : end + 16]
        scale = 1.0
        for word, factor in scales:
            boundary = "" if cldr.wide(word) else r"(?![^\W\d_])"
            found = re.match(rf"[\s\u00a0\u202f]?{re.escape(word)}{boundary}", tail, re.IGNORECASE)
            if found:
                scale = factor
                end += len(found.group())
                break
        if scale > 1.0 and cldr.wide(text[end - 1 : end]):
            # Chinese and Japanese write 11,000 as "1万1000" (and 150,000,000 as "1億5000万"): the lower
            # part follows the scale word directly and adds to it
            rest = _NUMBER.match(text, end)
            if rest:
                low = _parse(unicodedata.normalize("NFKC", rest.group()), decimal, group)
                low_end, low_scale = rest.end(), 1.0
                for word, factor in scales:
                    if factor < scale and text.startswith(word, low_end):
                        low_scale, low_end = factor, low_end + len(word)
                        break
                if low is not None and low * low_scale < scale:
                    value, scale = value * scale + low * low_scale, 1.0
                    end = joined_until = low_end
        span = (s.start + m.start(), s.start + end)
        shown = text[m.start() : end]
        after = text[end : end + 1]
        if scale == 1.0 and re.fullmatch(r"1[89]\d\d|20\d\d", raw):
            out.append(Fact("date", f"year:{raw}", span, shown))
        elif after == "月" and 1 <= value <= 12 and lang in ("ja", "zh", "ko"):
            out.append(Fact("date", f"month:{int(value)}", span, shown + after))
        else:
            out.append(Fact("number", _fmt(value * scale), span, shown))
    for m in _NAME.finditer(text):
        key = calendar_word(m.group(), lang)
        if key:
            out.append(Fact("date", key, (s.start + m.start(), s.start + m.end()), m.group()))
    return out


def _parse(raw: str, decimal: str, group: str) -> float | None:
    spaced = re.sub(r"[\u00a0\u202f ]", " ", raw)
    if " " in spaced and not re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", spaced):
        return None  # "3 4": two numbers side by side, not one
    s = spaced.replace(" ", "")
    if group in ".,":
        s = s.replace(group, "") if re.search(rf"\d{re.escape(group)}\d{{3}}(?!\d)", s) else s
    s = s.replace(decimal, ".") if decimal != "." else s
    s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def calendar_word(word: str, lang: str) -> str | None:
    """ "month:3" for "März", "марта" and (one or two letters of case ending off) "марте"; else None."""
    names = cldr.calendar(lang)
    w = word.lower().rstrip(".")
    if w in names:
        return names[w]
    stems = _calendar_stems(lang)
    for cut in (1, 2):
        if len(w) - cut >= 4 and w[:-cut] in stems:
            return stems[w[:-cut]]
    return None


@lru_cache(maxsize=32)
def _calendar_stems(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    clash: set[str] = set()
    for name, key in cldr.calendar(lang).items():
        for cut in (0, 1, 2):
            stem = name[: len(name) - cut]
            if len(stem) >= 4 and name.isalpha():
                if out.get(stem, key) != key:
                    clash.add(stem)
                out[stem] = key
    return {k: v for k, v in out.items() if k not in clash}


def _script(word: str) -> str:
    try:
        return unicodedata.name(word[0]).split()[0]
    except ValueError:
        return ""


def _names_read(lang: str) -> bool:
    return lang not in CAPITALISES_NOUNS and _names_searchable(lang)


def _names_searchable(lang: str) -> bool:
    return lang not in {"ja", "zh", "ko", "th", "ar", "he", "fa", "hi"}


@lru_cache(maxsize=4096)
def _translit(word: str) -> str:
    from anyascii import anyascii

    return anyascii(word).lower().replace("'", "")


def _found(name: str, words: set[str]) -> bool:
    """Transliterated, the same name: close spellings, or one stem declined ("gaidisa" / "gaidys")."""
    return any(
        w[:1] == name[:1] and (SequenceMatcher(None, name, w).ratio() >= NAME_MATCH or _stem(name, w))
        for w in words
    )


def _stem(x: str, y: str) -> bool:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return n >= 4 and n >= min(len(x), len(y)) - 2


@lru_cache(maxsize=64)
def _words(text: str) -> frozenset[str]:
    """Every word of ``text`` (a group's sentences or a whole version), transliterated: what a name is
    looked for among; cached, since every group asks about the whole other version."""
    return frozenset(_translit(m.group()) for m in _NAME.finditer(text))


def _change(kind, severity, fa: Fact | None, fb: Fact | None, a, b, explanation) -> Change:
    a_at = (a[0].start, a[0].start) if a else (0, 0)
    b_at = (b[0].start, b[0].start) if b else (0, 0)
    return Change(
        kind,
        severity,
        fa.text if fa else "",
        fb.text if fb else "",
        fa.span if fa else a_at,
        fb.span if fb else b_at,
        explanation,
    )


def _only(side: str, kind, severity, f: Fact, a, b, explanation) -> Change:
    """A change for a fact one side has and the other lacks."""
    return _change(kind, severity, f if side == "a" else None, f if side == "b" else None, a, b, explanation)


def _diff_values(kind, fa, fb, a_doc, b_doc, lang_a, lang_b, a, b) -> list[Change]:
    xa = [f for f in fa if f.kind == kind]
    xb = [f for f in fb if f.kind == kind]
    ca, cb = Counter(f.key for f in xa), Counter(f.key for f in xb)
    extra_a, extra_b = ca - cb, cb - ca
    only_a = _take(xa, extra_a)
    only_b = _take(xb, extra_b)
    label = "figure" if kind == "number" else "date"
    out = []
    for x, y in zip(only_a, only_b):
        minor = _close(x.key, y.key) or kind == "number" and _small(x.key) and _small(y.key)
        why = " (a rounding, or a count the other language may spell out)" if minor else ""
        text = f"{label} “{x.text}” in A is “{y.text}” in B{why}"
        out.append(_change(kind, "minor" if minor else "major", x, y, a, b, text))
    for side, rest in (("a", only_a[len(only_b) :]), ("b", only_b[len(only_a) :])):
        for f in rest:
            other_doc, other_lang = (b_doc, lang_b) if side == "a" else (a_doc, lang_a)
            stated = f.key in _document_values(other_doc, other_lang, kind)
            small = kind == "number" and _small(f.key)
            severity = "minor" if stated or small else "major"
            why = (
                "stated elsewhere in the other version" if stated else "which the other version never states"
            )
            if small and not stated:
                why = "a small number the other language may spell out"
            text = f"{label} “{f.text}” only in {side.upper()}, {why}"
            out.append(_only(side, kind, severity, f, a, b, text))
    return out


@lru_cache(maxsize=16)
def _document_values(doc: str, lang: str, kind: str) -> frozenset[str]:
    """Every figure or date a whole version states; cached, since every group of a comparison asks."""
    return frozenset(f.key for f in facts([Sentence(0, doc, 0, len(doc))], lang) if f.kind == kind)


def _small(key: str) -> bool:
    try:
        return float(key) <= SMALL
    except ValueError:
        return False


def _diff_names(fa, fb, lang_a, lang_b, a, b, a_doc, b_doc, similar: Similar | None) -> list[Change]:
    if not (_names_searchable(lang_a) and _names_searchable(lang_b)):
        return []
    words_a, words_b = _words(" ".join(s.text for s in a)), _words(" ".join(s.text for s in b))
    lost_a = [f for f in fa if f.kind == "name" and not _found(f.key, words_b)]
    lost_b = [f for f in fb if f.kind == "name" and not _found(f.key, words_a)]
    lost_a = list({f.key: f for f in lost_a}.values())
    lost_b = list({f.key: f for f in lost_b}.values())
    if similar is not None:
        lost_a = _untranslated(lost_a, b, similar)
        lost_b = _untranslated(lost_b, a, similar)
    out = []
    for x, y in zip(lost_a, lost_b):
        out.append(_change("entity", "major", x, y, a, b, f"name “{x.text}” in A is “{y.text}” in B"))
    for side, rest in (("a", lost_a[len(lost_b) :]), ("b", lost_b[len(lost_a) :])):
        other = _words(b_doc if side == "a" else a_doc)
        for f in rest:
            stated = _found(f.key, other)
            severity = "minor" if stated else "major"
            why = (
                "named elsewhere in the other version"
                if stated
                else "a name the other version never mentions"
            )
            text = f"name “{f.text}” only in {side.upper()}: {why}"
            out.append(_only(side, "entity", severity, f, a, b, text))
    return out


def _untranslated(lost: list[Fact], other: list[Sentence], similar: Similar) -> list[Fact]:
    """The names no word of the other side renders (a translated or declined form scores >= NAME_COSINE)."""
    if not lost:
        return lost
    words = sorted({m.group() for s in other for m in _NAME.finditer(s.text) if len(m.group()) > 1})
    if not words:
        return lost
    best = similar([f.text for f in lost], words).max(axis=1)
    return [f for f, c in zip(lost, best) if c < NAME_COSINE]


def _diff_quotes(fa, fb, a, b) -> list[Change]:
    qa = [f for f in fa if f.kind == "quote"]
    qb = [f for f in fb if f.kind == "quote"]
    if bool(qa) == bool(qb):
        return []
    side, q = ("a", qa[0]) if qa else ("b", qb[0])
    # A title or a term in quotation marks ("Internet Retailer", «Татар-информ») often loses them in
    # translation; words someone said run longer.
    speech = len(q.text.split()) >= 5 or cldr.wide(q.text) and len(q.text) >= 12
    text = f"a quotation only in {side.upper()}: {shorten(q.text, 80)}"
    severity = "major" if speech else "minor"
    return [_only(side, "quote", severity, q, a, b, text)]
