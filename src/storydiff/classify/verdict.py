"""One verdict for a pair: is the meaning preserved, or changed? A logistic model over compare's output.

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
from storydiff.records import CHANGE_TYPES, Comparison
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
    *(f"major_{t}" for t in CHANGE_TYPES),
    "minor_fact",
    "word_ratio",
    "length_ratio",
)


def features(result: Comparison, cosine: float) -> np.ndarray:
    na, nb = len(result.a.sentences), len(result.b.sentences)
    total = max(1, na + nb)
    share = {"same": 0.0, "paraphrase": 0.0, "changed": 0.0}
    weighted = 0.0
    for al in result.alignments:
        n = len(al.a) + len(al.b)
        share["same" if al.relation in ("identical", "stylistic") else al.relation] += n / total
        weighted += al.similarity * n
    aligned = sum(len(al.a) + len(al.b) for al in result.alignments)
    changes = [c for al in result.alignments for c in al.changes]
    major = {t: any(c.type == t and c.severity == "major" for c in changes) for t in CHANGE_TYPES}
    minor_fact = any(c.severity == "minor" and c.type in ("number", "date", "entity") for c in changes)
    wa, wb = result.a.text.lower().split(), result.b.text.lower().split()
    ratio = symmetric_ratio(wa, wb) if wa or wb else 1.0  # symmetric: compare(B, A) mirrors compare(A, B)
    values = [
        cosine,
        weighted / aligned if aligned else 0.0,
        share["same"],
        share["paraphrase"],
        share["changed"],
        (len(result.only_a) + len(result.only_b)) / total,
        min(3, sum(c.severity == "major" for c in changes)),
        min(3, sum(c.severity == "minor" for c in changes)),
        *(float(major[t]) for t in CHANGE_TYPES),
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


def verdict(result: Comparison, cosine: float) -> dict | None:
    """``{"meaning": "preserved" | "changed", "p_changed": float}``, or None without fitted weights."""
    model = _model()
    if model is None:
        return None
    x = (features(result, cosine) - np.array(model["mean"])) / np.array(model["std"])
    p = 1.0 / (1.0 + np.exp(-(float(x @ np.array(model["coef"])) + model["intercept"])))
    # Swapped roles are a change of who did what by construction; MSRP, which the model is fitted on, has
    # almost none, so the model cannot learn it (fitted on MSRP + PAWS together it lost MSRP accuracy).
    swapped = any(SWAP_NOTE in c.explanation for _, c in result.changes)
    changed = p >= model["threshold"] or swapped
    return {
        "meaning": "changed" if changed else "preserved",
        "p_changed": round(p, 4),
        "swapped_roles": swapped,
    }
