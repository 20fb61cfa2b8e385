"""Whether two spellings are one name: transliteration systems and translators differ most in vowels and
digraphs ("Sophia" / "Sofya", "Melaschenko" / "Melashchenko", "Путин" read as "putin"), while a different
name differs in its consonants ("Merkel" / "Macron"). Shared by the English name detector and the
translation comparer, so both call a name the same name the same way.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

_DIGRAPHS = (
    ("x", "ks"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("kh", "h"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "y"),
)
CLOSE = 0.9
"""Spelling similarity (difflib ratio) at which two forms are one name without the same consonants (a typo
in a long name). At 0.75 "Iran" / "Iraq", "Austria" / "Australia" and "Slovakia" / "Slovenia" were one."""


@lru_cache(maxsize=8192)
def skeleton(word: str) -> str:
    """A lower-case Latin word's consonants, digraphs folded and doubled letters single."""
    word = word.lower()
    for x, y in _DIGRAPHS:
        word = word.replace(x, y)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy\W\d_]", "", word))


def same_bones(x: str, y: str) -> bool:
    """The same consonants: three or more of them, or two with close spellings ("sofya" / "sophia", not
    "rome" / "rima")."""
    bx = skeleton(x)
    if bx != skeleton(y) or len(bx) < 2:
        return False
    return len(bx) >= 3 or SequenceMatcher(None, x.lower(), y.lower()).ratio() > 0.5


def spelt_alike(x: str, y: str) -> bool:
    """Two names (one or more words each) that are one name written two ways, word by word: the same
    consonants (transliteration: "Sofya" / "Sophia", "Melaschenko" / "Melashchenko") or nearly the same
    letters."""
    wx, wy = x.split(), y.split()
    if len(wx) != len(wy) or not wx:
        return False
    return all(
        a.casefold() == b.casefold()
        or SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= CLOSE
        or same_bones(a, b)
        for a, b in zip(wx, wy)
    )


_LINKS = frozenset({"of", "and", "for", "the", "&", "on", "in", "de"})
_FORM = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa"})  # a company's legal form


def abbreviates(short: str, long: str) -> bool:
    """``short`` is ``long`` written as its initials or cut short: "SEC" / "Securities and Exchange
    Commission", "EDS" / "Electronic Data Systems Corp", "Sts" / "Saints", "Gov." / "Governor"."""
    s = re.sub(r"[.\s]", "", short)
    words = [w for w in re.findall(r"[^\W\d_]+", long) if w.lower() not in _LINKS]
    if words and words[-1].lower() in _FORM and len(words) > 1:
        words = words[:-1]
    if not s.isalpha() or len(s) < 2 or not words:
        return False
    if len(words) == 1:
        w = words[0]
        if len(s) >= len(w) or s[0].lower() != w[0].lower() or len(s) > 5:
            return False
        it = iter(w.lower())
        return all(ch in it for ch in s.lower())  # the letters in order: a contraction of the word
    return s.isupper() and s == "".join(w[0] for w in words).upper()
