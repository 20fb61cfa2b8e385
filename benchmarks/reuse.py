"""Clough-Stevenson: the reuse degree of an answer vs its source (cut / light / heavy / non) from compare.

No train/test split exists (95 answers), so every system is scored by leave-one-out: a nearest-centroid
classifier over its features, fitted on the other 94 answers. storydiff's features are the shares of the
answer's sentences that compare finds identical or stylistic, paraphrase, changed, or only in the answer.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher

import numpy as np

from benchmarks.common import Config, Section

LABELS = ("cut", "light", "heavy", "non")


def _jaccard5(a: str, b: str) -> float:
    def grams(t: str) -> set[tuple[str, ...]]:
        w = t.lower().split()
        return {tuple(w[i : i + 5]) for i in range(max(1, len(w) - 4))}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def _storydiff_features(source: str, answer: str) -> list[float]:
    import storydiff

    r = storydiff.compare(source, answer)
    n = max(1, len(r.b.sentences))
    share = dict.fromkeys(("same", "paraphrase", "changed"), 0.0)
    for al in r.alignments:
        key = "same" if al.relation in ("identical", "stylistic") else al.relation
        share[key] += len(al.b) / n
    return [share["same"], share["paraphrase"], share["changed"], len(r.only_b) / n]


def _loo(features: np.ndarray, labels: list[str]) -> list[str]:
    """Leave-one-out nearest centroid on z-scored features."""
    out = []
    for i in range(len(labels)):
        train = np.array([k for k in range(len(labels)) if k != i])
        mu, sd = features[train].mean(0), features[train].std(0) + 1e-9
        z = (features - mu) / sd
        cents = {c: z[[k for k in train if labels[k] == c]].mean(0) for c in LABELS}
        out.append(min(LABELS, key=lambda c: float(((z[i] - cents[c]) ** 2).sum())))
    return out


def run(cfg: Config) -> Section:
    rows = [json.loads(x) for x in (cfg.data / "clough_stevenson" / "answers.jsonl").open(encoding="utf-8")]
    labels = [r["category"] for r in rows]
    systems = {
        "storydiff": np.array([_storydiff_features(r["source_text"], r["answer_text"]) for r in rows]),
        "difflib word ratio": np.array(
            [
                [SequenceMatcher(None, r["source_text"].split(), r["answer_text"].split()).ratio()]
                for r in rows
            ]
        ),
        "word 5-gram Jaccard": np.array([[_jaccard5(r["source_text"], r["answer_text"])] for r in rows]),
    }
    section = Section(
        "Reuse degree: Clough-Stevenson short answers",
        f"`python -m benchmarks --only reuse`: {len(rows)} answers, leave-one-out nearest centroid over each "
        "system's features (no split exists). Confusion rows are the truth, columns the prediction, in the "
        "order cut, light, heavy, non.",
        ["system", "accuracy", "confusion (cut/light/heavy/non)"],
    )
    for name, feats in systems.items():
        pred = _loo(feats, labels)
        acc = sum(p == t for p, t in zip(pred, labels)) / len(labels)
        conf = [[sum(1 for p, t in zip(pred, labels) if t == a and p == b) for b in LABELS] for a in LABELS]
        section.rows.append([name, f"{acc:.3f}", " / ".join(" ".join(map(str, row)) for row in conf)])
    return section
