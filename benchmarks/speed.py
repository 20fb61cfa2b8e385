"""Speed of compare: cold CLI and warm library, on the seed pair and a long pair, beside difflib."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from difflib import SequenceMatcher

from benchmarks.common import Config, Section


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(cfg: Config) -> Section:
    import storydiff
    from storydiff.embed import default_encoder
    from storydiff.text import sentences

    pair = cfg.examples / "seed-pair"
    a_path, b_path = pair / "web-copy.txt", pair / "rewrite.txt"
    a, b = a_path.read_text(encoding="utf-8"), b_path.read_text(encoding="utf-8")
    long_a, long_b = "\n".join([a] * 4), "\n".join([b] * 4)
    repeat = 3 if cfg.quick else 10

    def cold() -> None:
        subprocess.run(
            [sys.executable, "-m", "storydiff", "compare", str(a_path), str(b_path), "--json"],
            check=True,
            capture_output=True,
        )

    enc = default_encoder()
    storydiff.compare(a, b)  # load the model

    def warm_uncached(x: str, y: str):
        def go() -> None:
            enc.clear_cache()
            storydiff.compare(x, y)

        return go

    def difflib_words(x: str, y: str):
        wa, wb = x.split(), y.split()
        return lambda: SequenceMatcher(None, wa, wb).get_opcodes()

    section = Section(
        "Speed: compare",
        "Median of repeated runs. `difflib` is `SequenceMatcher(None, words_a, words_b).get_opcodes()` "
        "on the same pair: a word diff that explains nothing, the floor a user would otherwise start from.",
        ["pair", "sentences A x B", "storydiff", "seconds", "difflib (s)", "ratio"],
    )
    for name, x, y in (("seed pair", a, b), ("long pair (seed pair x4)", long_a, long_b)):
        n_a = len(sentences(storydiff.pipeline.load(x, "A")))
        n = f"{n_a} x {len(sentences(storydiff.pipeline.load(y, 'B')))}"
        d = _median_time(difflib_words(x, y), repeat * 5)
        rows = [
            ("warm, new sentences", _median_time(warm_uncached(x, y), repeat)),
            ("warm, sentences cached", _median_time(lambda x=x, y=y: storydiff.compare(x, y), repeat)),
        ]
        if name == "seed pair":
            rows.insert(0, ("cold CLI (`--json`)", _median_time(cold, max(3, repeat // 2))))
        for label, t in rows:
            section.rows.append([name, n, label, f"{t:.3f}", f"{d:.4f}", f"{t / d:.0f}x"])
    section.notes.append(
        "Cold CLI = a new `python -m storydiff compare` process: imports, model load, embedding, report."
    )
    section.notes.append(
        "Warm, new sentences clears the embedding cache first, so it pays for every MiniLM forward pass; "
        "cached is what a web server or corpus run pays for sentences it has seen."
    )
    return section
