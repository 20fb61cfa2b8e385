"""Fuzzing: hypothesis drives ingest + compare and the collection readers for a set time.

    python -m benchmarks --only fuzz          # STORYDIFF_FUZZ_SECONDS per target (default 120)

Targets and the seed corpus are in tests/fuzzing.py (texts and HTML written for this project); a crash is
any exception other than StorydiffError. Each batch runs with its own hypothesis seed, so a longer run tries
new inputs rather than replaying old ones.
"""

from __future__ import annotations

import os
import time

from benchmarks.common import Config, Section


def _run(strategy, target, seconds: float) -> tuple[int, list[str]]:
    from hypothesis import HealthCheck, given, seed, settings

    tried = 0
    crashes: list[str] = []
    deadline = time.monotonic() + seconds
    batch = 0
    while time.monotonic() < deadline:

        @seed(batch)
        @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(strategy)
        def one(case):
            nonlocal tried
            tried += 1
            target(*case)

        try:
            one()
        except Exception as exc:  # hypothesis re-raises the shrunk failure
            crashes.append(f"{exc.__class__.__name__}: {str(exc)[:120]}")
        batch += 1
    return tried, crashes


def run(cfg: Config) -> Section:
    from tests.fuzzing import collection_payloads, collection_target, compare_inputs, compare_target

    seconds = float(os.environ.get("STORYDIFF_FUZZ_SECONDS", "20" if cfg.quick else "120"))
    section = Section(
        "Fuzzing: ingest, compare, collection readers",
        f"`python -m benchmarks --only fuzz` (STORYDIFF_FUZZ_SECONDS={seconds:g} per target); hypothesis "
        "mutations of the seed corpus in tests/fuzzing.py, plus arbitrary bytes and text. A crash is any "
        "exception but StorydiffError (which the CLI turns into one line and exit 2).",
        ["target", "inputs tried", "crashes", "first crash"],
    )
    for name, strategy, target in (
        ("compare(a, b) + JSON, HTML, terminal reports", compare_inputs(), compare_target),
        ("read_collection: .jsonl, .html, .txt, .warc.gz", collection_payloads(), collection_target),
    ):
        tried, crashes = _run(strategy, target, seconds)
        section.rows.append([name, f"{tried:,}", str(len(crashes)), crashes[0] if crashes else "none"])
    return section
