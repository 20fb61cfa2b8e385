"""Classify: what an aligned group's difference means.

Each change type is a small module with one ``detect(view)``; the order below is the order of precedence
when two detectors would explain the same words (a reworded quote is a quote change, not a wording one).
"""

from __future__ import annotations

from storydiff.classify import (
    attribution,
    date,
    entity,
    hedge,
    negation,
    number,
    pronoun,
    quote,
    swap,
    wording,
)
from storydiff.classify.features import _ORDINALS, dates, numbers
from storydiff.classify.view import Hunk, View, build_view, content, is_light
from storydiff.judge import judge
from storydiff.records import Change, Relation, Sentence
from storydiff.text.tokens import STOPWORDS, Token, stem, tokenize

DETECTORS = (
    quote.detect,
    number.detect,
    date.detect,
    pronoun.detect,
    negation.detect,
    hedge.detect,
    attribution.detect,
    entity.detect,
    swap.detect,
)

__all__ = ["DETECTORS", "candidates", "classify"]


def candidates(
    a_doc: str, b_doc: str, a: list[Sentence], b: list[Sentence]
) -> tuple[Relation | None, View | None, list[Change], list[Hunk]]:
    """The typed detectors' changes and the hunks none of them explained, over one group's ``View``.

    The relation is already known (and the rest empty) when the sides are identical or differ only in
    light words. The change model's training script calls this too, so it sees what compare sees.
    """
    if " ".join(s.text for s in a) == " ".join(s.text for s in b):
        return "identical", None, [], []
    view = build_view(a_doc, b_doc, a, b)
    if all(is_light(h.a) and is_light(h.b) for h in view.hunks):
        return "stylistic", view, [], []
    changes: list[Change] = []
    for detect in DETECTORS:
        changes.extend(detect(view))
    changes = _reported_once(changes)
    valued = (_valued(view, "a"), _valued(view, "b"))
    rest = [h for h in view.hunks if not _explained(h, changes, view, valued)]
    return None, view, changes, rest


def classify(
    a_doc: str,
    b_doc: str,
    a: list[Sentence],
    b: list[Sentence],
    cosine: float,
    rules_only: bool = False,
) -> tuple[Relation, tuple[Change, ...]]:
    """Relation and changes of one aligned group; ``cosine`` is the embedding cosine of its two sides.

    The change model (``storydiff.judge``) sets each change's severity and confidence; ``rules_only``
    (or a package without the model) keeps the detectors' own severities and the cosine rule for wording.
    """
    relation, view, changes, rest = candidates(a_doc, b_doc, a, b)
    if relation is not None:
        return relation, ()
    assert view is not None
    judged = None if rules_only else judge(view, changes + wording.candidates(view, rest))
    if judged is None:
        changes.extend(wording.detect(view, rest, cosine))
    else:
        changes = judged
    if not changes:
        return "paraphrase", ()
    changes.sort(key=lambda c: (c.severity != "major", c.a_span, c.b_span, c.type))
    return "changed", tuple(changes)


def _reported_once(changes: list[Change]) -> list[Change]:
    """A name that is the new speaker of a quotation, or a currency code beside a figure ("USD 300,000" /
    "EUR 300,000"), is reported once: as the attribution or number change that explains it."""
    covering = [
        c
        for c in changes
        if (c.type == "attribution" and attribution.SPEAKER_NOTE in c.explanation)
        or (c.type == "number" and c.explanation.startswith(number.CURRENCY_NOTE))
    ]
    if not covering:
        return changes

    def inside(x: tuple[int, int], y: tuple[int, int]) -> bool:
        return x[0] < x[1] and y[0] <= x[0] and x[1] <= y[1]

    def covered(c: Change) -> bool:
        return any(inside(c.a_span, k.a_span) or inside(c.b_span, k.b_span) for k in covering)

    return [c for c in changes if not (c.type == "entity" and covered(c))]


def _valued(view: View, side: str) -> set[int]:
    """Offsets of tokens that are part of a number (its currency too) or a date: compared by value."""
    found = {t.start for f in (numbers, dates) for fact in view.facts(f, side) for t in fact.tokens}
    return found | number.currency_units(view, side)


def _explained(h: Hunk, changes: list[Change], view: View, valued: tuple[set[int], set[int]]) -> bool:
    if is_light(h.a) and is_light(h.b):
        return True
    rest_a = [t for t in h.a if t.start not in valued[0]]
    rest_b = [t for t in h.b if t.start not in valued[1]]
    if _content_stems(rest_a, h.a, valued[0]) == _content_stems(rest_b, h.b, valued[1]):
        # "2.5 mln" / "2.5 million", "those, 13,300" / "these, 13.3 thousand": the number and date
        # detectors compared the values, and no other word of weight differs
        return True
    if not view.outside_quotes(h.a, "a") and not view.outside_quotes(h.b, "b"):
        return True
    return any(_overlaps(h.a_span, c.a_span) or _overlaps(h.b_span, c.b_span) for c in changes)


def _content_stems(rest: list[Token], tokens: list[Token], valued: set[int]) -> set[str]:
    """The content words left once figures and dates are set aside, with the words a figure carries joined
    to it ("third-largest" leaves "largest", as "3rd largest" does; "22-year-old" leaves "year old")."""
    out = {t.stem for t in content(rest)}
    for t in tokens:
        if t.start in valued and "-" in t.norm:
            parts = [p for p in t.norm.split("-")[1:] if p and not p[0].isdigit() and p not in STOPWORDS]
            out.update(stem(p) for p in parts if p not in _ORDINALS and not numbers(tokenize(p)))
    return out


def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]
