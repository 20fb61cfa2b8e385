"""MSRP's question for a pair: would its annotators call it a paraphrase? A logistic model says.

The typed changes say *what* differs; whether the differences add up to a change of meaning is a judgement
that data can calibrate. The weights (``verdict.json``) are fitted on the MSRP *train* split by
``scripts/train_verdict.py`` (MSRP train, a research-use data set; only the fitted model's numbers ship
here, no text). Features are computed from the ``Comparison`` alone, plus the
cosine of the two versions' content vectors.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from storydiff.classify.swap import SWAP_NOTE
from storydiff.records import ALIGNED_TYPES, Comparison
from storydiff.text.diff import ratio as symmetric_ratio

WEIGHTS = Path(__file__).with_name("verdict.json")

FEATURES = (
    "cosine",
    "mean_similarity",
    "share_same",
    "share_paraphrase",
    "share_changed",
    "share_unaligned",
    "major",
    "minor",
    *(f"major_{t}" for t in ALIGNED_TYPES),
    "minor_fact",
    "word_ratio",
    "length_ratio",
)


def features(result: Comparison, cosine: float) -> np.ndarray:
    """Features of a whole comparison (what the model is fitted on: MSRP pairs are single sentences)."""
    return _features(result.a.text, result.b.text, result.alignments, result, cosine)


def _features(a_text: str, b_text: str, alignments, result: Comparison, cosine: float) -> np.ndarray:
    whole = len(alignments) == len(result.alignments)
    na = len(result.a.sentences) if whole else sum(len(al.a) for al in alignments)
    nb = len(result.b.sentences) if whole else sum(len(al.b) for al in alignments)
    only = len(result.only_a) + len(result.only_b) if whole else 0
    total = max(1, na + nb)
    share = {"same": 0.0, "paraphrase": 0.0, "changed": 0.0}
    weighted = 0.0
    for al in alignments:
        n = len(al.a) + len(al.b)
        share["same" if al.relation in ("identical", "stylistic") else al.relation] += n / total
        weighted += al.similarity * n
    aligned = sum(len(al.a) + len(al.b) for al in alignments)
    changes = [c for al in alignments for c in al.changes]
    major = {t: any(c.type == t and c.severity == "major" for c in changes) for t in ALIGNED_TYPES}
    minor_fact = any(c.severity == "minor" and c.type in ("number", "date", "entity") for c in changes)
    wa, wb = a_text.lower().split(), b_text.lower().split()
    ratio = symmetric_ratio(wa, wb) if wa or wb else 1.0  # symmetric: compare(B, A) mirrors compare(A, B)
    values = [
        cosine,
        weighted / aligned if aligned else 0.0,
        share["same"],
        share["paraphrase"],
        share["changed"],
        only / total,
        min(3, sum(c.severity == "major" for c in changes)),
        min(3, sum(c.severity == "minor" for c in changes)),
        *(float(major[t]) for t in ALIGNED_TYPES),
        float(minor_fact),
        ratio,
        min(len(wa), len(wb)) / max(1, len(wa), len(wb)),
    ]
    return np.array(values, dtype=np.float64)


@lru_cache(maxsize=1)
def _model() -> dict | None:
    if not WEIGHTS.exists():
        return None
    model = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return model if tuple(model["features"]) == FEATURES else None


def _probability(model: dict, x: np.ndarray) -> float:
    z = (x - np.array(model["mean"])) / np.array(model["std"])
    return 1.0 / (1.0 + np.exp(-(float(z @ np.array(model["coef"])) + model["intercept"])))


def verdict(result: Comparison, group_cosines: list[float], cosine: float) -> dict | None:
    """``{"paraphrase", "p_not_paraphrase", "swapped_roles"}`` on MSRP's scale, or None without weights.

    MSRP's annotators call many pairs paraphrases that differ in a date, a figure or a name; this score
    says what they would say. It is not storydiff's answer to "what changed" (the typed changes are), and
    the terminal and web reports do not show it.

    The model knows sentence pairs (MSRP), so a document is judged group by group: each aligned group of
    content sentences gets its own probability and the document's is the largest. (Judged whole, a
    document with ten major changes but high overall similarity came out "preserved".) With no aligned
    group, the pair is judged whole.
    """
    model = _model()
    if model is None:
        return None
    groups = [
        (al, c)
        for al, c in zip(result.alignments, group_cosines)
        if result.a.sentences[al.a[0]].role == "content"
    ]
    if len(result.alignments) <= 1 or not groups:
        p = _probability(model, features(result, cosine))
    else:
        p = max(
            _probability(
                model,
                _features(
                    " ".join(result.a.sentences[i].text for i in al.a),
                    " ".join(result.b.sentences[j].text for j in al.b),
                    [al],
                    result,
                    c,
                ),
            )
            for al, c in groups
        )
    # Swapped roles are a change of who did what by construction; MSRP, which the model is fitted on, has
    # almost none, so the model cannot learn it (fitted on MSRP + PAWS together it lost MSRP accuracy).
    swapped = any(SWAP_NOTE in c.explanation for _, c in result.changes)
    changed = p >= model["threshold"] or swapped
    return {"paraphrase": not changed, "p_not_paraphrase": round(p, 4), "swapped_roles": swapped}
