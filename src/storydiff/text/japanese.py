"""Japanese words with their readings, so that a name written in kana or kanji can be compared with one
written in Latin letters.

Japanese marks no names by capitals and puts no spaces between words, so names are found by a morphological
analyser: fugashi (MeCab) with unidic-lite, both MIT/BSD, loaded once in about 0.05 s. UniDic tags proper
nouns (固有名詞: people, places, organisations) and gives every word a katakana reading, kanji names
included (田中 タナカ, 埼玉 サイタマ), and for many foreign names and loanwords the spelling they come from
(バイデン "Biden", ショルツ "Scholz", チーム "team"). A reading is compared with a Latin spelling through its
Hepburn romaji (jaconv) and a fold of the sounds Japanese does not tell apart (l/r, v/b); an English word is
also read the way Japanese writes it by e2k ("Trump" -> トランプ), a small public-domain model in numpy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

PLACES_TRANSLATED = "国"
"""UniDic's place subclass for countries: Japanese translates a country's name (日本, ドイツ, 米国) rather
than writing its sound, so a country is not compared by sound."""


@dataclass(frozen=True)
class Word:
    """One word of a Japanese text, with offsets into that text."""

    text: str
    start: int
    end: int
    reading: str
    """Katakana, as UniDic reads the word in its context ("" for a word it does not know)."""
    spelling: str
    """The Latin spelling UniDic records for a foreign name or loanword ("Biden"), or ""."""
    pos: tuple[str, str, str, str]

    @property
    def proper(self) -> bool:
        return self.pos[0] == "名詞" and self.pos[1] == "固有名詞"

    @property
    def person(self) -> bool:
        return self.proper and self.pos[2] == "人名"

    @property
    def katakana(self) -> bool:
        return all(is_katakana(c) for c in self.text)


@lru_cache(maxsize=1)
def _tagger():
    import fugashi  # unidic-lite is its dictionary when installed

    return fugashi.Tagger()


@lru_cache(maxsize=512)
def words(text: str) -> tuple[Word, ...]:
    """``text``'s words in order, as UniDic segments and reads them."""
    out, at = [], 0
    for node in _tagger()(text):
        surface = node.surface
        start = text.find(surface, at)
        if start < 0:
            continue
        at = start + len(surface)
        f = node.feature
        lemma = f.lemma or ""
        spelling = lemma.split("-", 1)[1] if "-" in lemma else ""
        out.append(
            Word(
                surface,
                start,
                at,
                f.kana or "",
                spelling if spelling.isascii() and spelling.isalpha() else "",
                (f.pos1 or "", f.pos2 or "", f.pos3 or "", f.pos4 or ""),
            )
        )
    return tuple(out)


def names(text: str) -> list[tuple[int, int, str]]:
    """The proper nouns of ``text`` other than countries, as (start, end, sound key); a person's name
    written as several words (安倍晋三, ジョー・バイデン) is one name, since UniDic often misreads a given
    name whose family name it reads right."""
    out: list[tuple[int, int, str]] = []
    run: list[Word] = []

    def flush() -> None:
        if run:
            keys = [key(w) for w in run]
            out.append((run[0].start, run[-1].end, " ".join(k for k in keys if k)))
            run.clear()

    for w in words(text):
        if w.text == "・" and run and run[-1].person:
            continue  # ジョー・バイデン: the dot between a foreign name's parts
        if w.proper and w.pos[3] != PLACES_TRANSLATED and not w.text.isascii():
            joined = bool(run) and run[-1].person and w.person and text[run[-1].end : w.start] in ("", "・")
            if not joined:
                flush()
            run.append(w)
        else:
            flush()
    flush()
    return [n for n in out if n[2]]


def key(w: Word) -> str:
    """A word's sound in Latin letters: the spelling UniDic records, else its reading in romaji."""
    return sound(w.spelling) if w.spelling else sound(romaji(w.reading))


def sounds(text: str) -> frozenset[str]:
    """Every way ``text`` can render a Latin-script name: each word's key and its spelling, runs of katakana
    words joined (コロナ + ウイルス), and words already in Latin letters."""
    out: set[str] = set()
    run = ""
    for w in words(text):
        latin = unicodedata.normalize("NFKC", w.text)
        if latin.isascii():
            out.add(sound(latin))
        elif w.reading and w.pos[0] == "名詞":
            out.add(sound(romaji(w.reading)))
        if w.spelling:
            out.add(sound(w.spelling))
        if w.katakana and w.text != "・":  # ネルソン・セメド: a dot parts a foreign name's words
            run += w.reading or w.text
        else:
            if run:
                out.add(sound(romaji(run)))
            run = ""
    if run:
        out.add(sound(romaji(run)))
    out.discard("")
    return frozenset(out)


@lru_cache(maxsize=8192)
def romaji(kana: str) -> str:
    """Hepburn romaji of katakana or hiragana, without the long-vowel mark or the small tsu ("シンゾー" ->
    "shinzo")."""
    import jaconv

    # a small tsu doubles the next consonant, which sound() folds away anyway
    kana = re.sub("[ッっー]", "", kana)
    return jaconv.kana2alphabet(jaconv.kata2hira(kana)).replace("-", "")


_FOLDS = (("l", "r"), ("v", "b"), ("th", "s"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"))


@lru_cache(maxsize=16384)
def sound(word: str) -> str:
    """A Latin spelling folded to what Japanese keeps of it: l and r one sound, v and b, no long vowels
    ("Merkel" -> "merker", "toukyou" -> "tokyo")."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if c.isascii() and (c.isalnum() or c == " "))
    for x, y in _FOLDS:
        word = word.replace(x, y)
    word = re.sub(r"ou|oo", "o", word)
    word = re.sub(r"uu", "u", word)
    word = re.sub(r"ei(?![aeiou])", "e", word)
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=8192)
def english_sound(word: str) -> str:
    """How Japanese would write an English word, in folded romaji ("Trump" -> トランプ -> "toranpu")."""
    return sound(romaji(_e2k()(word.lower())))


@lru_cache(maxsize=1)
def _e2k():
    from e2k import C2K

    return C2K()


def is_katakana(c: str) -> bool:
    return "\u30a0" <= c <= "\u30ff"


_ROMAJI = re.compile(r"(?:(?:[kgsztdnhbpmrwf]|[kgnhbpmr]y|sh|ch|j|ts|y)?[aeiou]|n)+")


def could_be_romaji(word: str) -> bool:
    """Whether a Latin spelling is one Japanese could write, in Hepburn: syllables of one consonant (or a
    digraph) and a vowel, or "n" ("toyama", "araicho", "doan"; not "okonkwo", "lindqvist")."""
    return _ROMAJI.fullmatch(re.sub(r"([kgstdbpmr])\1", r"\1", word.lower().replace(" ", ""))) is not None
