"""The corpus pipeline at scale on a generated corpus: the local engine and Spark local[2], side by side.

Documents are built from Reuters-21578's own vocabulary (unigram frequencies) and sentence lengths and
counts; 5% of them get a planted version (a sentence dropped, a figure changed, two sentences swapped, a
few words replaced). Recall = planted pairs that end in one story; stray = stories holding two originals.
Size: STORYDIFF_SCALE_DOCS, a comma list of sizes (default 20,000, to keep `python -m benchmarks` under 20
minutes); the issue's million-document run is STORYDIFF_SCALE_DOCS=1000000.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import tempfile
from collections import Counter
from itertools import accumulate
from pathlib import Path

from benchmarks.common import Config, Section, run_measured

SIZES = [int(x) for x in os.environ.get("STORYDIFF_SCALE_DOCS", "20000").split(",") if x.strip()]
ENGINES = [x for x in os.environ.get("STORYDIFF_SCALE_ENGINES", "local,spark").split(",") if x.strip()]


def _model(reuters: Path):
    words: Counter[str] = Counter()
    sent_lengths, doc_sizes = [], []
    for line in reuters.open(encoding="utf-8"):
        body = json.loads(line).get("body") or ""
        sents = [s for s in re.split(r"(?<=[.!?])\s+", body.replace("\n", " ")) if s.strip()]
        if not sents:
            continue
        doc_sizes.append(len(sents))
        for s in sents:
            ws = s.split()
            sent_lengths.append(len(ws))
            words.update(w.strip(".,;:()\"'") for w in ws)
    vocab, freq = zip(*[(w, c) for w, c in words.items() if w and not any(ch.isdigit() for ch in w)])
    return list(vocab), list(freq), sent_lengths, doc_sizes


def generate(path: Path, n: int, reuters: Path, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    vocab, freq, sent_lengths, doc_sizes = _model(reuters)
    cum = list(accumulate(freq))  # once: choices(weights=...) re-accumulates the vocabulary on every call
    planted: list[tuple[str, str]] = []
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while i < n:
            size = max(2, rng.choice(doc_sizes))
            sents = []
            for _ in range(size):
                ws = rng.choices(vocab, cum_weights=cum, k=max(4, rng.choice(sent_lengths)))
                ws[rng.randrange(len(ws))] = f"{rng.randint(2, 999)}.{rng.randint(0, 9)}"
                sents.append(" ".join(ws).capitalize() + ".")
            fh.write(json.dumps({"id": f"d{i:07d}", "text": "\n".join(sents)}) + "\n")
            i += 1
            if rng.random() < 0.05 and i < n:
                v = list(sents)
                if len(v) > 3:
                    v.pop(rng.randrange(len(v)))
                k = rng.randrange(len(v))
                v[k] = re.sub(r"\d+\.\d", lambda m: f"{float(m.group()) * 10:.1f}", v[k], count=1)
                if len(v) > 2:
                    a, b = rng.sample(range(len(v)), 2)
                    v[a], v[b] = v[b], v[a]
                fh.write(json.dumps({"id": f"d{i:07d}", "text": "\n".join(v)}) + "\n")
                planted.append((f"d{i - 1:07d}", f"d{i:07d}"))
                i += 1
    return planted


FINDS = 50
FIND_SIZES = [int(x) for x in os.environ.get("STORYDIFF_FIND_DOCS", "20000").split(",") if x.strip()]


def run_find(cfg: Config) -> Section:
    """``find`` on a store of the generated corpus (local engine): what one warm query costs as it grows."""
    sizes = [5000] if cfg.quick else FIND_SIZES
    section = Section(
        "Find: one query against a large store",
        f"`STORYDIFF_FIND_DOCS={','.join(map(str, sizes))} python -m benchmarks --only find`: the generated "
        f"corpus of the scale section indexed by the local engine, then {FINDS} planted versions looked up "
        "in one process with `find(..., explain=False)` (the comparison of each match is compare's cost, "
        "measured in the speed section); the first query, which loads the models, is left out.",
        ["documents", "queries", "median (s)", "slowest (s)", "planted source found"],
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            src, db = Path(tmp) / "gen.jsonl", Path(tmp) / "local.duckdb"
            planted = generate(src, n, cfg.data / "reuters21578" / "documents.jsonl")
            run_measured([sys.executable, "-m", "storydiff", "index", str(src), "--db", str(db), "--json"])
            times, hits = _find_times(db, src, planted)
            section.rows.append(
                [
                    f"{n:,}",
                    str(len(times)),
                    f"{times[len(times) // 2]:.3f}",
                    f"{times[-1]:.3f}",
                    f"{hits}/{len(times)}",
                ]
            )
    return section


def _find_times(db: Path, src: Path, planted: list[tuple[str, str]]) -> tuple[list[float], int]:
    """Warm ``find`` (no comparison: ``explain=False``) for planted versions, one process, the first query
    (loading) left out; a hit is the planted source among the matches."""
    import time

    from storydiff.corpus import find
    from storydiff.ingest import from_text
    from storydiff.records import CorpusDoc

    wanted = dict(planted[: FINDS + 1])
    texts = {}
    for line in src.open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] in set(wanted.values()):
            texts[row["id"]] = row["text"]
    times, hits = [], 0
    for k, (source, version) in enumerate(wanted.items()):
        t = time.perf_counter()
        matches = find(CorpusDoc(f"q{k}", from_text(texts[version], version)), db, explain=False)
        if k:
            times.append(time.perf_counter() - t)
            hits += any(m.id == source for m in matches)
    return sorted(times), hits


def _quality(db: Path, planted: list[tuple[str, str]]) -> tuple[float, int, int]:
    from storydiff.corpus import Store

    with Store(db, read_only=True) as store:
        a = store.assignment()
    recall = sum(a.get(x) == a.get(y) for x, y in planted) / max(1, len(planted))
    versions = {y for _, y in planted}
    groups: dict[str, list[str]] = {}
    for doc, story in a.items():
        groups.setdefault(story, []).append(doc)
    stray = sum(1 for g in groups.values() if len([d for d in g if d not in versions]) > 1)
    return recall, stray, sum(1 for g in groups.values() if len(g) > 1)


def run(cfg: Config) -> Section:
    sizes = [5000] if cfg.quick else SIZES
    section = Section(
        "Scale: generated news-like corpus, local engine and Spark",
        f"`STORYDIFF_SCALE_DOCS={','.join(map(str, sizes))} python -m benchmarks --only scale` (a comma list "
        "runs each size; `STORYDIFF_SCALE_ENGINES=spark` runs one engine). "
        "Both engines run `storydiff index` in a child process on 2 cores; peak memory is "
        "given for the largest process and for the whole process tree (sampled every 0.5 s: Spark's JVM and "
        "Python workers, the local engine's worker processes).",
        [
            "engine",
            "documents",
            "wall (s)",
            "peak RSS, largest process (MB)",
            "peak RSS, process tree (MB)",
            "planted recall",
            "stories",
            "stray merges",
        ],
    )
    for n in sizes:
        _run_size(cfg, n, section)
    memory = os.environ.get("STORYDIFF_SPARK_MEMORY", "2g (the default)")
    section.notes.append(f"Spark driver memory (STORYDIFF_SPARK_MEMORY): {memory}.")
    return section


def _run_size(cfg: Config, n: int, section: Section) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "gen.jsonl"
        planted = generate(src, n, cfg.data / "reuters21578" / "documents.jsonl")
        for engine in ENGINES:
            db = Path(tmp) / f"{engine}.duckdb"
            cmd = [sys.executable, "-m", "storydiff", "index", str(src), "--db", str(db), "--json"]
            if engine == "spark":
                cmd += ["--engine", "spark"]
            try:
                m = run_measured(cmd)
            except RuntimeError as exc:
                section.notes.append(f"{engine}, {n:,} documents: failed: {str(exc).splitlines()[-1]}")
                continue
            recall, stray, stories = _quality(db, planted)
            section.rows.append(
                [
                    engine,
                    f"{n:,}",
                    f"{m.wall:.1f}",
                    f"{m.peak_process:,.0f}",
                    f"{m.peak_tree:,.0f}",
                    f"{recall:.3f}",
                    str(stories),
                    str(stray),
                ]
            )
            phases = json.loads(m.stdout).get("seconds")
            if phases:
                section.notes.append(f"{engine}, {n:,} documents, phases (s): {phases}")
        section.notes.append(f"{n:,} documents: {len(planted):,} planted versions.")
