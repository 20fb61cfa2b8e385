"""Quotes are verbatim: any change of the words inside quotation marks misquotes someone."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from storydiff.classify.view import View
from storydiff.records import Change
from storydiff.text.spelling import skeleton
from storydiff.text.tokens import tokenize


def detect(view: View) -> list[Change]:
    a_words = [_words(view.a_doc, q) for q in view.a_quotes]
    b_words = [_words(view.b_doc, q) for q in view.b_quotes]
    pairs = []
    for i, wa in enumerate(a_words):
        for j, wb in enumerate(b_words):
            overlap = _dice(wa, wb)
            if overlap > 0 or (len(view.a_quotes) == len(view.b_quotes) and i == j):
                pairs.append((-overlap, i + j, i, j))
    pairs.sort()
    used_a, used_b, changes = set(), set(), []
    for _, _, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if a_words[i] != b_words[j]:
            qa, qb = view.a_quotes[i], view.b_quotes[j]
            ta, tb = view.a_doc[qa[0] : qa[1]], view.b_doc[qb[0] : qb[1]]
            if _written_alike(a_words[i], b_words[j]):
                why = f"quotation written differently, the same words: “{ta}” / “{tb}”"
                changes.append(Change("quote", "minor", ta, tb, qa, qb, why, evidence="restated"))
                continue
            if _trimmed(a_words[i], b_words[j]):
                why = f"quotation cut short, the words kept are verbatim: “{ta}” / “{tb}”"
                changes.append(Change("quote", "minor", ta, tb, qa, qb, why))
                continue
            changes.append(
                Change("quote", "major", ta, tb, qa, qb, f"quoted words differ: “{ta}” became “{tb}”")
            )
    for i, q in enumerate(view.a_quotes):
        if i not in used_a:
            changes.append(_unpaired(view, "a", q, a_words[i]))
    for j, q in enumerate(view.b_quotes):
        if j not in used_b:
            changes.append(_unpaired(view, "b", q, b_words[j]).mirrored())
    return changes


def _unpaired(view: View, side: str, q: tuple[int, int], words: tuple[str, ...]) -> Change:
    doc, other = (view.a_doc, view.b) if side == "a" else (view.b_doc, view.a)
    text = doc[q[0] : q[1]]
    other_words = [t.norm for t in other]
    at = (other[0].start, other[0].start) if other else (0, 0)
    kept = _contains(other_words, list(words))
    what = "quotation marks removed" if kept else "quote removed"
    if side == "b":
        what = what.replace("removed", "added")
    return Change("quote", "minor", text, "", q, at, f"{what}: “{text}”")


def _words(doc: str, span: tuple[int, int]) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(doc[span[0] : span[1]]))


_WHOLE = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "gonna": ("going", "to"),
}
_ENDINGS = (("n't", "not"), ("'re", "are"), ("'m", "am"), ("'ll", "will"), ("'ve", "have"))


def _spoken(words: tuple[str, ...]) -> list[str]:
    """The words as said: contractions opened ("we're" -> "we are") and hyphenated words in parts."""
    out: list[str] = []
    for w in words:
        w = w.replace("’", "'")
        if w in _WHOLE:
            out += _WHOLE[w]
            continue
        for ending, full in _ENDINGS:
            if w.endswith(ending) and len(w) > len(ending):
                out += [w[: -len(ending)], full]
                break
        else:
            out += [p for p in w.split("-") if p]
    return out


def _written_alike(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """The same words, written another way: a contraction opened, a compound joined or hyphened ("web
    site" / "website", "media rich" / "media-rich"), a spelling variant ("honor" / "honour", "travelers" /
    "travellers", "realise" / "realize": same consonants, nearly the same letters, five letters or more).
    A quotation so rewritten says what the speaker said; an inflection ("attack" / "attacks") is a change."""
    sx, sy = _spoken(x), _spoken(y)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, sx, sy, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        px, py = sx[i1:i2], sy[j1:j2]
        if px and py and re.sub(r"\W", "", "".join(px)) == re.sub(r"\W", "", "".join(py)):
            continue
        if op == "replace" and len(px) == len(py) and all(map(_variant, px, py)):
            continue
        return False
    return True


def _variant(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 5 or x[0] != y[0]:
        return False
    fold = skeleton(x).replace("z", "s") == skeleton(y).replace("z", "s")
    return fold and SequenceMatcher(None, x, y).ratio() >= 0.85


def _trimmed(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """One quotation is the other cut at its start or end ("did not materialize" / "did not materialize as
    we had anticipated"): every quoted word kept is verbatim, and the change model judges what was cut."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 2 and (long_[: len(short)] == short or long_[len(long_) - len(short) :] == short)


def _dice(x, y) -> float:
    sx, sy = set(x), set(y)
    return 2 * len(sx & sy) / (len(sx) + len(sy)) if sx or sy else 1.0


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))
