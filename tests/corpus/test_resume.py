"""A real SIGKILL in the middle of indexing, then a re-run: the store ends as if nothing had happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from storydiff import corpus

from .generate import many_documents


def run_index(src, db, kill_after: float | None = None) -> int:
    cmd = [sys.executable, "-m", "storydiff", "index", str(src), "--db", str(db), "--workers", "1", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    if kill_after is None:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        return 0
    time.sleep(kill_after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return proc.returncode


def snapshot(db):
    with corpus.Store(db, read_only=True) as store:
        docs = store.count()
        edges = [(e.a, e.b) for e in store.edges()]
        return docs, edges, sorted(store.assignment().items()), store.unlinked()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    root = tmp_path_factory.mktemp("resume")
    many_documents(root / "src", 900)
    times = []
    for k in range(2):  # the second, warm run is the one to aim kills at (the first pays cold caches)
        reference = root / f"reference-{k}.duckdb"
        start = time.perf_counter()
        run_index(root / "src", reference)
        times.append(time.perf_counter() - start)
    return root, snapshot(reference), min(times)


@pytest.mark.parametrize("fraction", [0.5, 0.75, 0.9])
def test_killed_index_resumes_to_the_same_store(source, fraction):
    """Killed at a share of a full run's time: while featurising, and (at 0.9) usually while linking."""
    root, expected, full_run = source
    for attempt in range(4):  # a run that finished before the kill proves nothing: aim earlier and retry
        db = root / f"killed-{fraction}-{attempt}.duckdb"
        if run_index(root / "src", db, kill_after=fraction * full_run) == -signal.SIGKILL:
            break
        fraction *= 0.6
    else:
        pytest.fail("every run finished before it could be killed")
    run_index(root / "src", db)
    assert snapshot(db) == expected
    assert expected[0] == 900 and expected[3] == []
