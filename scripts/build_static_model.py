"""Build the static (model2vec-style) token embeddings that the corpus path uses.

The method is model2vec's distillation, done with the ONNX MiniLM the package already depends on, so no
torch is needed: every vocabulary token is passed through all-MiniLM-L6-v2 alone (``[CLS] tok [SEP]``, mean
pooled), the 384-d outputs are reduced with PCA, and each row gets a SIF weight a / (a + p) where p is the
token's probability under Zipf's law on its vocabulary rank (wordpiece vocabularies are roughly
frequency-ordered). Measured on 2,000 MSRP train pairs, SIF (a=1e-6) gave paraphrase cosine 0.845 vs 0.213
for random pairs; model2vec's log-rank weighting gave 0.973 vs 0.867 (the same ranking, a narrower spread).

    .venv/bin/python scripts/build_static_model.py            # writes src/storydiff/models/static-minilm.npz

Deterministic: the same model files give the same bytes. Licence: derived from all-MiniLM-L6-v2 (Apache-2.0).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from storydiff.embed import MiniLM

SIF_A = 1e-6
OUT = Path(__file__).resolve().parents[1] / "src/storydiff/models/static-minilm.npz"


def token_vectors(model: MiniLM, batch: int = 1024) -> np.ndarray:
    model._load()
    vocab = model._tokenizer.get_vocab()
    size = max(vocab.values()) + 1
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    out = np.zeros((size, model.dim), dtype=np.float32)
    for start in range(0, size, batch):
        ids = np.arange(start, min(size, start + batch), dtype=np.int64)
        seq = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        mask = np.ones_like(seq)
        hidden = model._session.run(
            None, {"input_ids": seq, "attention_mask": mask, "token_type_ids": np.zeros_like(seq)}
        )[0]
        out[ids] = hidden.mean(axis=1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    raw = token_vectors(MiniLM(precision="fp32"))  # distilled from the fp32 export, as it always was
    centred = raw - raw.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dim].T
    rank = np.arange(1, len(reduced) + 1, dtype=np.float64)
    prob = (1 / rank) / (1 / rank).sum()
    weights = SIF_A / (SIF_A + prob)
    reduced = reduced * weights[:, None] / np.linalg.norm(reduced, axis=1, keepdims=True).clip(1e-9)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, vectors=reduced.astype(np.float16))  # stored: deflate saved 7% and cost ~0.1 s a load
    print(f"wrote {args.out} {reduced.shape} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
