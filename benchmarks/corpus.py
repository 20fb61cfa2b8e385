"""Corpus: MinHash speed beside datasketch, indexing bbc_news and reuters21578 end to end, what it finds.

Exact-duplicate groups are the sets' own lists (guaranteed positives). False merges are estimated two ways:
edges between BBC articles of different topic categories (business vs sport...) are certainly wrong; and a
printed random sample of non-identical edges, read by hand (what the reading found is in docs/benchmarks.md).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Config, Section, run_measured


def _texts(path: Path, field: str, limit: int | None = None) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line).get(field) or ""
            if t.strip():
                out.append(t)
            if limit and len(out) >= limit:
                break
    return out


def _storydiff_signatures(texts: list[str]) -> int:
    import numpy as np

    from storydiff.corpus.steps import CorpusConfig, minhash_matrix, normalised_words, stable_hash

    cfg = CorpusConfig()
    vocab: dict[str, int] = {}
    hashes = []
    for t in texts:
        ws = normalised_words(t)
        for w in ws:
            if w not in vocab:
                vocab[w] = stable_hash(w)
        hashes.append(np.fromiter((vocab[w] for w in ws), dtype=np.uint64, count=len(ws)))
    return len(minhash_matrix(hashes, cfg))


def _datasketch_signatures(texts: list[str]) -> int:
    from datasketch import MinHash

    from storydiff.corpus.steps import normalised_words

    for t in texts:
        ws = normalised_words(t)
        m = MinHash(num_perm=128)
        for i in range(max(1, len(ws) - 2)):
            m.update(" ".join(ws[i : i + 3]).encode("utf-8"))
    return len(texts)


def _rate(fn, texts: list[str], workers: int) -> float:
    chunks = [texts[i : i + 2000] for i in range(0, len(texts), 2000)]
    t = time.perf_counter()
    if workers == 1:
        n = sum(fn(c) for c in chunks)
    else:
        with mp.get_context("spawn").Pool(workers) as pool:
            n = sum(pool.map(fn, chunks))
    return n / (time.perf_counter() - t)


def _index(paths: list[Path], db: Path, extra: list[str]) -> tuple[dict, float, float]:
    """The CLI in a child process: its JSON report, wall seconds and peak RSS (MB)."""
    cmd = [sys.executable, "-m", "storydiff", "index", *map(str, paths), "--db", str(db), "--json", *extra]
    m = run_measured(cmd)
    return json.loads(m.stdout), m.wall, m.peak_process


def _groups_found(db: Path, groups: list[list[str]]) -> int:
    from storydiff.corpus import Store

    with Store(db, read_only=True) as store:
        a = store.assignment()
    return sum(len({a.get(str(i)) for i in g}) == 1 and a.get(str(g[0])) is not None for g in groups)


def run(cfg: Config) -> Section:
    bbc = cfg.data / "bbc_news"
    reuters = cfg.data / "reuters21578"
    section = Section(
        "Corpus: indexing, MinHash speed, what is found",
        "`python -m benchmarks --only corpus`. Indexing runs `storydiff index ... --json` in a child process "
        "(2 worker processes on this machine); peak memory is the largest process's maximum RSS.",
        ["measure", "storydiff", "baseline", "ratio / note"],
    )
    # -- MinHash signatures from raw text --------------------------------------------------------------
    texts = _texts(reuters / "documents.jsonl", "body")
    sample = texts[: 3000 if cfg.quick else 6000]
    ours = _rate(_storydiff_signatures, texts, 2)
    theirs = _rate(_datasketch_signatures, sample, 1)
    theirs2 = _rate(_datasketch_signatures, sample, 2)
    section.rows.append(
        [
            f"MinHash signatures/s from raw text, word 3-grams, 128 perms ({len(texts):,} Reuters bodies)",
            f"{ours:,.0f} (rensa, 2 processes)",
            f"datasketch default: {theirs:,.0f} (1 process), {theirs2:,.0f} (2 processes)",
            f"{ours / theirs:.1f}x / {ours / theirs2:.1f}x",
        ]
    )
    with tempfile.TemporaryDirectory() as tmp:
        # -- reuters end to end ------------------------------------------------------------------------
        rdb = Path(tmp) / "reuters.duckdb"
        rep, wall, peak = _index(
            [reuters / "documents.jsonl"], rdb, ["--id-field", "newid", "--text-field", "body"]
        )
        rgroups = [json.loads(x)["newids"] for x in (reuters / "exact_duplicate_body_groups.jsonl").open()]
        section.rows += [
            [
                f"reuters21578 indexed end to end ({rep['documents']:,} docs)",
                f"{wall:.1f} s, peak {peak:,.0f} MB",
                "target < 60 s on 2 cores",
                "phases: " + ", ".join(f"{k} {v} s" for k, v in rep["seconds"].items()),
            ],
            [
                "reuters21578 exact-duplicate groups in one story",
                f"{_groups_found(rdb, rgroups)} / {len(rgroups)}",
                "",
                f"{rep['stories']:,} stories with 2+ versions, {rep['edges']:,} verified links",
            ],
        ]
        # -- bbc + the seed pair -------------------------------------------------------------------------
        bdb = Path(tmp) / "bbc.duckdb"
        seed = [cfg.examples / "seed-pair" / "web-copy.txt", cfg.examples / "seed-pair" / "rewrite.txt"]
        rep, wall, peak = _index([bbc / "articles.jsonl", *seed], bdb, [])
        bgroups = [json.loads(x)["ids"] for x in (bbc / "exact_duplicate_groups.jsonl").open()]
        from storydiff.corpus import Store

        with Store(bdb, read_only=True) as store:
            a = store.assignment()
            edges = store.edges()
            titles = store.titles()
        same = a[str(seed[0])] == a[str(seed[1])]
        cat = {k: k.split("/")[0] for k in titles if "/" in k and not k.startswith((".", "/"))}
        cross = [e for e in edges if e.a in cat and e.b in cat and cat[e.a] != cat[e.b]]
        partial = [e for e in edges if min(e.coverage_a, e.coverage_b) < 1 and e.a in cat and e.b in cat]
        section.rows += [
            [
                f"bbc_news + seed pair indexed ({rep['documents']:,} docs)",
                f"{wall:.1f} s, peak {peak:,.0f} MB",
                "",
                f"{rep['stories']} stories with 2+ versions, {rep['edges']} verified links",
            ],
            [
                "bbc_news exact-duplicate groups in one story",
                f"{_groups_found(bdb, bgroups)} / {len(bgroups)}",
                "",
                "",
            ],
            ["seed pair (5-gram Jaccard 0.28) in one story", "yes" if same else "NO", "", ""],
            [
                "BBC links across topic categories (certain false merges)",
                f"{len(cross)} of {len(edges)}",
                "",
                "; ".join(f"{titles[e.a][0]} / {titles[e.b][0]}" for e in cross[:3]),
            ],
        ]
        rng = random.Random(0)
        for e in rng.sample(partial, min(20, len(partial))):
            section.notes.append(
                f"sample for reading by hand: {e.a} ({titles[e.a][0]}) / {e.b} ({titles[e.b][0]}), "
                f"coverage {e.coverage_a:.2f} / {e.coverage_b:.2f}"
            )
    return section
