"""Sentence pairs: is the pair meaning-preserving or changed? MSRP (tune on train, report test), PAWS (dev).

storydiff's answer comes from its public API: a pair is "changed" when compare() reports a change of the
chosen severity or leaves content only on one side. Baselines in the same run: MiniLM cosine and difflib
ratio, each with the threshold that maximises accuracy on MSRP train.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from benchmarks.common import Config, Section


def load(
    path: Path, split: str, limit: int | None = None, parity: int | None = None
) -> list[tuple[str, str, int]]:
    """Rows of one split. Other splits are skipped on the raw line, before parsing: reserved test rows
    are never parsed, let alone looked at. ``parity`` keeps rows whose id is even (0) or odd (1): PAWS has
    no train split, so the verdict model fits on even dev ids and is reported on odd ones."""
    prefix = f'{{"split": "{split}"'
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith(prefix):
                continue
            d = json.loads(line)
            if parity is not None and int(d["id"]) % 2 != parity:
                continue
            rows.append((d["sentence1"], d["sentence2"], int(d["label"])))
    if limit and len(rows) > limit:
        rows = random.Random(0).sample(rows, limit)
    return rows


SEVERITIES = ("any", "major")


def storydiff_changed(rows) -> dict[str, list[bool]]:
    """For each rule in SEVERITIES, whether each pair counts as changed; one compare() per pair serves all."""
    import storydiff

    out: dict[str, list[bool]] = {s: [] for s in (*SEVERITIES, "verdict")}
    for a, b, _ in rows:
        r = storydiff.compare(a, b)
        lone = any(r.a.sentences[i].role == "content" for i in r.only_a) or any(
            r.b.sentences[j].role == "content" for j in r.only_b
        )
        for severity in SEVERITIES:
            changes = [c for _, c in r.changes if severity == "any" or c.severity == "major"]
            out[severity].append(bool(changes or lone))
        out["verdict"].append(not r.summary.get("msrp_verdict", {}).get("paraphrase", True))
    return out


def cosines(rows) -> np.ndarray:
    from storydiff.embed import default_encoder

    enc = default_encoder()
    va = enc.encode([a for a, _, _ in rows])
    vb = enc.encode([b for _, b, _ in rows])
    return (va * vb).sum(axis=1)


def ratios(rows) -> np.ndarray:
    return np.array([SequenceMatcher(None, a.split(), b.split()).ratio() for a, b, _ in rows])


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """Threshold on a similarity score (>= means paraphrase) with the best accuracy on these labels."""
    candidates = np.unique(np.round(scores, 3))
    accs = [((scores >= t) == labels).mean() for t in candidates]
    return float(candidates[int(np.argmax(accs))])


def metrics(pred_changed: list[bool] | np.ndarray, labels: np.ndarray) -> dict[str, float]:
    changed = labels == 0
    pred = np.asarray(pred_changed, dtype=bool)
    tp = (pred & changed).sum()
    prec = tp / max(pred.sum(), 1)
    rec = tp / max(changed.sum(), 1)
    para_pred, para = ~pred, ~changed
    ptp = (para_pred & para).sum()
    p_prec, p_rec = ptp / max(para_pred.sum(), 1), ptp / max(para.sum(), 1)
    return {
        "accuracy": float((pred == changed).mean()),
        "f1_paraphrase": float(2 * p_prec * p_rec / max(p_prec + p_rec, 1e-9)),
        "f1_changed": float(2 * prec * rec / max(prec + rec, 1e-9)),
        "recall_changed": float(rec),
    }


def run(cfg: Config) -> Section:
    limit = 400 if cfg.quick else None
    msrp_train = load(cfg.data / "msrp" / "pairs.jsonl", "train", limit)
    msrp_test = load(cfg.data / "msrp" / "pairs.jsonl", "test", limit)
    paws_dev = load(cfg.data / "paws" / "pairs.jsonl", "dev", limit, parity=1)
    from storydiff.embed import default_encoder

    enc = default_encoder()
    enc.encode([s for rows in (msrp_train, msrp_test, paws_dev) for a, b, _ in rows for s in (a, b)])

    y_train = np.array([y for _, _, y in msrp_train])
    cos_t = best_threshold(cosines(msrp_train), y_train)
    rat_t = best_threshold(ratios(msrp_train), y_train)
    # storydiff's own choice made on train: count any change, or only major ones.
    on_train = storydiff_changed(msrp_train)
    variants = {v: metrics(on_train[v], y_train)["accuracy"] for v in SEVERITIES}
    chosen = max(variants, key=variants.get)

    section = Section(
        "Accuracy: paraphrase or changed (MSRP, PAWS)",
        f"Thresholds and storydiff's rule chosen on MSRP train ({len(msrp_train)} pairs): MiniLM cosine >= "
        f"{cos_t:.3f}, difflib word ratio >= {rat_t:.3f} mean paraphrase; storydiff counts "
        f"'{chosen}' changes (train accuracy: any {variants['any']:.3f}, major {variants['major']:.3f}). "
        "Positive class of recall: changed (label 0).",
        ["set", "pairs", "system", "accuracy", "F1 paraphrase", "F1 changed", "recall changed"],
    )
    systems: dict[str, Callable] = {
        "storydiff (typed changes)": lambda rows: storydiff_changed(rows)[chosen],
        "storydiff msrp_verdict (summary)": lambda rows: storydiff_changed(rows)["verdict"],
        "MiniLM cosine": lambda rows: cosines(rows) < cos_t,
        "difflib ratio": lambda rows: ratios(rows) < rat_t,
    }
    for name, rows in (("MSRP test", msrp_test), ("PAWS dev, odd ids", paws_dev)):
        y = np.array([lab for _, _, lab in rows])
        for system, predict in systems.items():
            m = metrics(predict(rows), y)
            section.rows.append(
                [name, str(len(rows)), system]
                + [f"{m[k]:.3f}" for k in ("accuracy", "f1_paraphrase", "f1_changed", "recall_changed")]
            )
    section.notes += [
        "PAWS dev is the only PAWS split read (test is reserved and skipped on the raw line). "
        "Its even ids are the part studied: the swapped-roles rules (classify/swap.py) were written "
        "and checked on them; the odd ids reported here were only scored "
        "(the first swap rule was also watched on the whole dev set).",
        "storydiff msrp_verdict: summary.msrp_verdict, a logistic model over compare's own output "
        "(scripts/train_verdict.py, classify/verdict.json) fitted on MSRP train, "
        "plus: swapped roles always mean changed.",
        "storydiff (typed changes) counts a pair changed when compare reports a major change. "
        "Since a number, date or name that only one version states is major "
        "(a new or dropped fact: VitaminC's edits are such facts), MSRP's paraphrases with added detail "
        "('said on Tuesday', a dropped name) count against it: MSRP test accuracy of this row fell "
        "from 0.594 (commit e11dca0) to the figure above while VitaminC located rose from 0.399. "
        "MSRP's labels and a "
        "fact-checker's notion of a change disagree here; "
        "msrp_verdict is the row that answers MSRP's question.",
    ]
    return section
