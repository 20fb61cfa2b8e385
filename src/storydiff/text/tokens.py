"""Word tokens that keep their offsets into the original text, with a normalised form for comparing.

Normalisation happens per token, never on the text itself, so every finding maps back to the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A number with thousand separators is one token ("2,417,000", "2 417 000", "2.417.000"), so that it is
# compared by value and its span covers it whole; then words (with inner ' . - /), then currency signs.
_WORD = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)"
    r"|(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"  # a clock time, "14:00", is one token
    # "5–10" as "5-10": one range either way; a point before a capitalised word ends a run-on sentence
    # ("number 13.The band", "FC.In June"), not a word ("U.S.", "3.5", "a.m." stay one token)
    r"|[^\W_]+(?:(?:[’'\-–/]|\.(?![A-Z][a-z]))[^\W_]+)*(?:’s|'s)?|[$€£¥%]",
    re.UNICODE,
)
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """spaCy's English stop words ("during", "although", "whereas"), which WordNet, knowing nouns, verbs,
    adjectives and adverbs only, lacks. Read from spaCy's own file without importing spaCy (1.7 s)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return STOPWORDS
    path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    loaded = importlib.util.spec_from_file_location("_spacy_en_stop_words", path)
    if loaded is None or loaded.loader is None:
        return STOPWORDS
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return frozenset(module.STOP_WORDS) | STOPWORDS


HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx"})
ARTICLES = frozenset({"the", "a", "an"})
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "between",
        "among",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "there",
        "here",
        "than",
        "then",
        "so",
        "such",
        "also",
        "just",
        "very",
        "too",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "each",
        "both",
        "either",
        "other",
        "another",
        "their",
        "them",
        "they",
        "he",
        "she",
        "his",
        "her",
        "him",
        "i",
        "we",
        "us",
        "our",
        "you",
        "your",
        "me",
        "my",
        "would",
        "could",
        "should",
        "can",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "not",
        "no",
    ]
)

# Inflections that change tense or number but not what happened. Small on purpose: the common
# reporting and news verbs; the suffix rules in ``stem`` do the rest.
_IRREGULAR = {
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "does": "do",
    "did": "do",
    "done": "do",
    "said": "say",
    "says": "say",
    "told": "tell",
    "gave": "give",
    "given": "give",
    "met": "meet",
    "went": "go",
    "gone": "go",
    "made": "make",
    "took": "take",
    "taken": "take",
    "saw": "see",
    "seen": "see",
    "came": "come",
    "got": "get",
    "gotten": "get",
    "held": "hold",
    "left": "leave",
    "brought": "bring",
    "bought": "buy",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "found": "find",
    "began": "begin",
    "begun": "begin",
    "became": "become",
    "sold": "sell",
    "spent": "spend",
    "sent": "send",
    "paid": "pay",
    "won": "win",
    "lost": "lose",
    "fell": "fall",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "led": "lead",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "felt": "feel",
    "kept": "keep",
    "shown": "show",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "stood": "stand",
    "struck": "strike",
    "hit": "hit",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "meant": "mean",
    "built": "build",
    "heard": "hear",
    "signed": "sign",
}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    norm: str

    @property
    def stem(self) -> str:
        return stem(self.norm)


def normalise(word: str) -> str:
    w = unicodedata.normalize("NFKC", word).translate(_FOLD).casefold()
    if w.endswith("'s"):
        w = w[:-2]
    return w


def stem(norm: str) -> str:
    """A deliberately crude stem: enough to see "policy"/"policies" and "reported"/"reports" as one word."""
    if norm in _IRREGULAR:
        return _IRREGULAR[norm]
    w = norm
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, normalise(m.group()))
        for m in _WORD.finditer(text)
    ]


def capitalised(text: str) -> list[Token]:
    """The tokens of ``tokenize(text)`` that begin with a capital, without normalising the rest (names are
    looked for in every document a corpus indexes)."""
    return [
        Token(m.group(), m.start(), m.end(), normalise(m.group()))
        for m in _WORD.finditer(text)
        if m.group()[:1].isupper()
    ]


def content_stems(tokens: list[Token]) -> set[str]:
    return {t.stem for t in tokens if t.norm not in STOPWORDS and t.norm not in HONORIFICS}
