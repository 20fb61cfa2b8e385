"""STS-B news genre: does storydiff's score rank pairs by similarity as people do? Beside MiniLM cosine.

Train and dev only (the test split is reserved and skipped on the raw line). Nothing is tuned here: the
Spearman correlation needs no threshold. storydiff's scores: the aligned groups' similarity (0 when no
sentence aligns) and 1 - summary.msrp_verdict.p_not_paraphrase.
"""

from __future__ import annotations

import json

import numpy as np

from benchmarks.common import Config, Section


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(x, y).statistic)


def run(cfg: Config) -> Section:
    import storydiff
    from storydiff.embed import default_encoder

    path = cfg.data / "stsb" / "pairs_news_only.jsonl"
    rows = {"train": [], "dev": []}
    for line in path.open(encoding="utf-8"):
        for split in rows:
            if line.startswith(f'{{"split": "{split}"'):
                rows[split].append(json.loads(line))
    section = Section(
        "Similarity: STS-B news genre",
        "`python -m benchmarks --only similarity`: Spearman correlation with the gold 0-5 scores. Caveat: "
        "STS-B's MSRpar pairs come from MSRP, whose train split fitted msrp_verdict.",
        [
            "split",
            "pairs",
            "storydiff alignment similarity",
            "storydiff 1 - p_not_paraphrase",
            "MiniLM cosine",
        ],
    )
    enc = default_encoder()
    for split, data in rows.items():
        if cfg.quick:
            data = data[:300]
        gold = np.array([r["score"] for r in data], dtype=float)
        align, para = [], []
        for r in data:
            c = storydiff.compare(r["sentence1"], r["sentence2"])
            n = sum(len(al.a) + len(al.b) for al in c.alignments)
            align.append(
                sum(al.similarity * (len(al.a) + len(al.b)) for al in c.alignments) / n if n else 0.0
            )
            para.append(1 - c.summary.get("msrp_verdict", {}).get("p_not_paraphrase", 0.5))
        va = enc.encode([r["sentence1"] for r in data])
        vb = enc.encode([r["sentence2"] for r in data])
        cos = (va * vb).sum(axis=1)
        section.rows.append(
            [
                split,
                str(len(data)),
                f"{_spearman(np.array(align), gold):.3f}",
                f"{_spearman(np.array(para), gold):.3f}",
                f"{_spearman(cos, gold):.3f}",
            ]
        )
    return section
