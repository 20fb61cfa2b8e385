"""CLDR's per-language tables (through babel), read once: number marks, scale words, month and day names.

Shared by the sentence splitter (an ordinal's or a scale abbreviation's dot ends no sentence) and the
translation comparer (figures and dates read in each language), so both read CLDR the same way.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=64)
def locale(lang: str):
    """babel's ``Locale`` for an ISO 639-1 code; English where CLDR has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@lru_cache(maxsize=64)
def number_symbols(lang: str) -> tuple[str, str]:
    """(decimal mark, group mark) with no-break spaces as plain spaces: ("," , ".") for German."""
    sym = locale(lang).number_symbols.get("latn", {})
    group = sym.get("group", ",").replace("\u00a0", " ").replace("\u202f", " ")
    return sym.get("decimal", "."), group


def wide(word: str) -> bool:
    """Whether ``word`` has East Asian wide characters (no spaces around words: "万", "月")."""
    return any(unicodedata.east_asian_width(c) == "W" for c in word)


@lru_cache(maxsize=64)
def scales(lang: str, widths: tuple[str, ...] = ("short", "long")) -> tuple[tuple[str, float], ...]:
    """Scale words from the compact number formats, longest first: ("Millionen", 1e6), ("万", 1e4).

    One-letter Latin words ("M", "k") are left out: too often something else.
    """
    formats = locale(lang)._data.get("compact_decimal_formats", {})  # babel exposes only "short" publicly
    found: dict[str, float] = {}
    for width in widths:
        for plural in (formats.get(width) or {}).values():
            for magnitude, pattern in plural.items():
                text = pattern.pattern if hasattr(pattern, "pattern") else str(pattern)
                zeros = text.count("0")
                word = re.sub(r"[0'\s\u00a0]", "", text)
                if not zeros or not word:
                    continue
                if len(word.rstrip(".")) < 2 and not wide(word):
                    continue
                found.setdefault(word, float(magnitude) / 10 ** (zeros - 1))
    return tuple(sorted(found.items(), key=lambda x: -len(x[0])))


@lru_cache(maxsize=64)
def calendar(lang: str) -> dict[str, str]:
    """Month and weekday names, lower-cased, in every form (format and stand-alone, wide and abbreviated):
    "märz" -> "month:3", "января" -> "month:1", "lundi" -> "day:0"."""
    loc = locale(lang)
    out: dict[str, str] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for n, name in loc.months[context][width].items():
                out.setdefault(name.lower().rstrip("."), f"month:{n}")
            for n, name in loc.days[context][width].items():
                out.setdefault(name.lower().rstrip("."), f"day:{n}")
    return {k: v for k, v in out.items() if len(k) > 2 or not k.isascii()}


@lru_cache(maxsize=64)
def scale_stems(lang: str) -> tuple[tuple[str, float], ...]:
    """Stems of the long scale words, for the case forms CLDR's plural patterns do not list: Icelandic
    "milljónum" beside "milljónir", Russian "тысячами" beside "тысячи", "тысяча", "тысяч". A stem is what
    the forms of one scale share (five letters or more), or a single long form less two letters; a stem two
    scales share is left out; longest first."""
    forms: dict[float, list[str]] = {}
    for word, factor in scales(lang, ("long",)):
        if not wide(word) and word.isalpha():
            forms.setdefault(factor, []).append(word.lower())
    found: dict[str, float] = {}
    clash: set[str] = set()
    for factor, words in forms.items():
        stems = {os.path.commonprefix(words)} if len(words) > 1 else set()
        stems |= {w[:-2] for w in words if len(w) >= 8}
        for stem in stems:
            if len(stem) < 5:
                continue
            if found.get(stem, factor) != factor:
                clash.add(stem)
            found[stem] = factor
    return tuple(sorted(((k, v) for k, v in found.items() if k not in clash), key=lambda x: -len(x[0])))


@lru_cache(maxsize=64)
def lowercase_calendar(lang: str) -> bool:
    """Whether the language writes month names in small letters ("mars", "марта"): there a capitalised
    "Mars" inside a sentence is a name (the planet), not the month."""
    return all(name[:1].islower() for name in locale(lang).months["format"]["wide"].values())


@lru_cache(maxsize=64)
def abbreviations(lang: str) -> frozenset[str]:
    """The month and weekday names of ``calendar`` that only the abbreviated forms give ("jeu", "mer", "sam"):
    ordinary words as often as dates, so a reader takes them as dates only beside a dot or a figure."""
    loc = locale(lang)
    wide = {
        name.lower().rstrip(".")
        for context in ("format", "stand-alone")
        for table in (loc.months[context]["wide"], loc.days[context]["wide"])
        for name in table.values()
    }
    return frozenset(k for k in calendar(lang) if k not in wide)


@lru_cache(maxsize=64)
def inflects_months(lang: str) -> bool:
    """Whether the language declines month names (CLDR's format and stand-alone forms differ: "июня" /
    "июнь"), so a declined form ("в июне") is its abbreviation's stem plus a case ending."""
    months = locale(lang).months
    return any(
        months["format"]["wide"][n].lower() != months["stand-alone"]["wide"][n].lower()
        for n in months["format"]["wide"]
    )


@lru_cache(maxsize=64)
def day_periods(lang: str) -> tuple[str, ...]:
    """The language's words for parts of the day ("abend", "morgens", "soir"), lower case, longest first:
    what a weekday may run on with ("Donnerstagabend")."""
    periods = locale(lang).day_periods
    found = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            try:
                table = periods[context][width]
            except KeyError:
                continue
            found |= {w.lower() for w in table.values() if w.isalpha() and len(w) >= 4}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))
