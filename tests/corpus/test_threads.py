"""Threads: the stories of one developing event, a level above versions."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from storydiff import corpus
from storydiff.corpus.events import Event, group_events

from .generate import follow_ups, make_corpus


def vec(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_follow_ups_sharing_rare_names_form_a_thread_and_a_shared_name_alone_does_not():
    common = set(range(100, 130))  # names every story has: they weigh nothing
    filler = [Event(f"f{i}", frozenset(common | {1000 + i}), vec(0, 1, 0)) for i in range(30)]
    a = Event("a", frozenset(common | {1, 2, 3}), vec(1, 0.1, 0), "2024-05-01T00:00:00")
    b = Event("b", frozenset(common | {1, 2, 4}), vec(1, 0.2, 0), "2024-05-03T00:00:00")
    c = Event("c", frozenset(common | {3, 9}), vec(1, 0.1, 0.1))  # one rare name shared with a
    label = group_events([a, b, c, *filler])
    assert label["a"] == label["b"] == "a" and label["c"] == "c"
    assert all(label[f.story] == f.story for f in filler)


def test_no_thread_across_months_or_subjects():
    base = [Event(f"f{i}", frozenset({1000 + i}), vec(0, 1, 0)) for i in range(30)]
    a = Event("a", frozenset({1, 2, 3}), vec(1, 0, 0), "2024-01-01T00:00:00")
    late = Event("late", frozenset({1, 2, 3}), vec(1, 0, 0), "2024-09-01T00:00:00")
    other = Event("other", frozenset({1, 2, 3}), vec(0, 0, 1), "2024-01-02T00:00:00")
    label = group_events([a, late, other, *base])
    assert len({label["a"], label["late"], label["other"]}) == 3


def test_a_chain_of_single_links_does_not_merge_two_events():
    # x1-x2 and y1-y2 are events; m is linked to one story of each: average linkage keeps them apart
    base = [Event(f"f{i}", frozenset({1000 + i}), vec(0, 1, 0)) for i in range(40)]
    x1 = Event("x1", frozenset({1, 2, 3, 4}), vec(1, 0, 0))
    x2 = Event("x2", frozenset({1, 2, 3, 4}), vec(1, 0, 0))
    y1 = Event("y1", frozenset({5, 6, 7, 8}), vec(1, 0, 0))
    y2 = Event("y2", frozenset({5, 6, 7, 8}), vec(1, 0, 0))
    m = Event("m", frozenset({1, 2, 5, 6}), vec(1, 0, 0))
    label = group_events([x1, x2, y1, y2, m, *base])
    assert label["x1"] == label["x2"] and label["y1"] == label["y2"] and label["x1"] != label["y1"]


def test_threads_on_an_indexed_corpus_and_the_command(tmp_path):
    gold = follow_ups(tmp_path / "docs")
    make_corpus(tmp_path / "docs", stories=3, decoys=6)  # unrelated stories: names need a corpus to be rare
    db = tmp_path / "t.duckdb"
    corpus.index([str(tmp_path / "docs")], db, workers=1)
    found = corpus.threads(db)
    grouped = [{m for s in t.stories for m in s.members if m in gold} for t in found]
    flood = {k for k, v in gold.items() if v == "flood"}
    assert flood in grouped
    for g in grouped:  # never two events in one thread
        assert len({gold[m] for m in g}) <= 1

    proc = subprocess.run(
        [sys.executable, "-m", "storydiff", "stories", "--level", "threads", "--db", str(db), "--json"],
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert any({m for s in t["stories"] for m in s["members"]} >= flood for t in out)
