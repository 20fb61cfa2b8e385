"""Numbers written in words in languages other than English ("сорок", "quatre milliards", "четырёх тысяч").

A translator spells out what the source wrote in figures and the other way round, so the translation
comparer must read both. The words are not a list of ours: num2words (LGPL) writes every number from 0 to
100, the hundreds and the scale words in each language it knows, in each grammatical case and gender it
knows (Russian: "четыре", "четырёх", "четырьмя"...), and this module reads that table backwards. English
keeps its own reader (``classify/features.py``); scripts without spaces (Japanese, Chinese) are read by the
translation comparer's figure reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_GAP = re.compile(r"[\s\u00a0\-]+")
_CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
_GENDERS = ("m", "f", "n")
_COUNTED = re.compile(r"\s+d(?:e\s|['’])")
_COUNTING = re.compile(r"(?<![^\W\d_])(?:une|des|quelques)\s+$", re.IGNORECASE)
_OF_SCALE = re.compile(r"\s+de\s+([^\W\d_]+)")
_ARTICLE = 1
"""A lone "un", "ein", "один": an article in most of these languages, a number only inside a larger one."""


@dataclass(frozen=True)
class Lexicon:
    values: dict[str, float]  # "сорок" -> 40, "quatre" -> 4
    hundreds: frozenset[str]  # words that multiply what comes before by 100 ("cents" in "deux cents")
    scales: dict[str, float]  # "тысяч" -> 1e3, "milliards" -> 1e9
    links: frozenset[str]  # words only found between number words ("et", "y", "и")
    about: dict[str, float]  # collective numerals, an order of size ("une soixantaine de", "des milliers de")


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


def _written(lang: str, value: int) -> list[str]:
    """Every way num2words writes ``value`` in ``lang``: the plain form and each case and gender it has."""
    from num2words import num2words

    out = []
    forms = [{}] + [{"case": c} for c in _CASES] + [{"gender": g} for g in _GENDERS]
    forms += [{"case": c, "gender": g} for c in _CASES for g in _GENDERS]
    for kwargs in forms:
        try:
            out.append(num2words(value, lang=lang, **kwargs))
        except (NotImplementedError, TypeError, KeyError, ValueError, AttributeError):
            continue
    return list(dict.fromkeys(out))


@lru_cache(maxsize=32)
def lexicon(lang: str) -> Lexicon | None:
    """The number words of ``lang``, or None where num2words does not know the language."""
    from num2words import CONVERTER_CLASSES

    if lang == "en" or lang not in CONVERTER_CLASSES:
        return None
    values: dict[str, float] = {}
    hundreds: set[str] = set()
    scales: dict[str, float] = {}
    multi: list[list[str]] = []
    singles = list(range(0, 101)) + list(range(200, 1000, 100)) + [k * 1000 for k in range(1, 100)]
    for v in singles:
        for text in _written(lang, v):
            words = [_norm(w) for w in _GAP.split(text) if w]
            if len(words) == 1:
                values.setdefault(words[0], float(v))
            else:
                multi.append(words)
    for k in range(2, 10):
        for text in _written(lang, k * 100):
            words = [_norm(w) for w in _GAP.split(text) if w]
            if len(words) > 1 and words[-1] not in values:
                hundreds.add(words[-1])  # "deux cents", "cuatrocientos" is one word
    for power in (1e3, 1e6, 1e9, 1e12):
        for k in (1, 2, 3, 4, 5, 10):
            for text in _written(lang, int(k * power)):
                words = [_norm(w) for w in _GAP.split(text) if w]
                if len(words) > 1 and words[-1] not in values:
                    scales.setdefault(words[-1], power)
                elif len(words) == 1 and k == 1 and words[0] not in values:
                    scales.setdefault(words[0], power)  # "тысяча", "mille", "million"
    # "et", "y", "und", "и": short words that only join two number words
    links = {w for words in multi for w in words[1:-1] if len(w) <= 3} - set(values) - hundreds - set(scales)
    about = _collectives(lang)
    return Lexicon(values, frozenset(hundreds), scales, frozenset(links), about)


def _collectives(lang: str) -> dict[str, float]:
    """French counts roughly with a suffix on the number's own word: "trente" -> "une trentaine de",
    "dix" -> "une dizaine de", "mille" -> "des milliers de"."""
    from num2words import num2words

    if lang != "fr":
        return {}
    out = {"millier": 1000.0, "milliers": 1000.0}
    for v in (8, 10, 12, 15, 20, 30, 40, 50, 60, 100):
        word = num2words(v, lang="fr")
        stem = word[:-1] + "z" if word.endswith("x") else word.removesuffix("e")
        out[stem + "aine"] = out[stem + "aines"] = float(v)
    return out


def spelled(text: str, lang: str) -> list[tuple[int, int, float, bool]]:
    """(start, end, value, vague) of each number written in words in ``text``: runs of number words, read
    as num2words writes them ("двести сорок", "quatre milliards", "trente et un"). A scale word alone is
    vague: "тысячи долларов" is "thousands of dollars", and a case ending cannot tell it from "a thousand".
    A lone word for one is left out: it is an article ("un accord", "ein Vertrag")."""
    lex = lexicon(lang)
    if lex is None:
        return []
    out = []
    run: list[re.Match] = []

    def close() -> None:
        while run and _norm(run[-1].group()) in lex.links:
            run.pop()
        if run:
            words = [_norm(m.group()) for m in run]
            value = _value(words, lex)
            alone_one = len(run) == 1 and value == _ARTICLE
            vague = len(run) == 1 and words[0] in lex.scales
            if value is not None and not alone_one:
                out.append((run[0].start(), run[-1].end(), value, vague))
        run.clear()

    taken = 0  # the end of a collective already read with its scale ("dizaines de milliers")
    for m in _WORD.finditer(text):
        if m.start() < taken:
            continue
        w = _norm(m.group())
        if w in lex.about and (_COUNTED.match(text, m.end()) or _COUNTING.search(text[: m.start()])):
            close()  # "une quarantaine de personnes", "(une soixantaine)", not "en quarantaine"
            end, value = m.end(), lex.about[w]
            of = _OF_SCALE.match(text, m.end())  # "des dizaines de milliers": tens of thousands
            scale = _scale_of(_norm(of.group(1)), lex) if of else None
            if of and scale:
                end, value = of.end(), value * scale
            out.append((m.start(), end, value, True))
            taken = end
            continue
        number_word = w in lex.values or w in lex.hundreds or w in lex.scales
        adjacent = run and _GAP.fullmatch(text[run[-1].end() : m.start()] or " ")
        if number_word or (w in lex.links and run):
            if run and not adjacent:
                close()
            if number_word or run:
                run.append(m)
        else:
            close()
    close()
    return out


def _scale_of(word: str, lex: Lexicon) -> float | None:
    """A scale word ("millions") or a collective of one ("milliers")."""
    if word in lex.scales:
        return lex.scales[word]
    return lex.about[word] if lex.about.get(word, 0) >= 1000 else None


def _value(words: list[str], lex: Lexicon) -> float | None:
    total = current = 0.0
    seen = False
    for w in words:
        if w in lex.values:
            current += lex.values[w]
            seen = True
        elif w in lex.hundreds:
            current = max(current, 1.0) * 100
            seen = True
        elif w in lex.scales:
            total += max(current, 1.0) * lex.scales[w]
            current = 0.0
            seen = True
    return total + current if seen else None
