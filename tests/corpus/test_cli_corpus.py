"""index / find / stories / story through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys

from .generate import make_corpus


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *map(str, args)], capture_output=True, timeout=300
    )


def test_index_stories_story_find(tmp_path):
    planted = make_corpus(tmp_path / "docs", stories=2, decoys=2)
    db = tmp_path / "s.duckdb"
    proc = run("index", tmp_path / "docs", "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["stories"] == len(planted)

    proc = run("stories", "--db", db, "--json")
    stories = json.loads(proc.stdout)
    assert sorted(s["size"] for s in stories) == [4, 4]

    html = tmp_path / "story.html"
    proc = run("story", stories[0]["id"], "--db", db, "--html", html, "--json")
    assert proc.returncode == 0, proc.stderr
    story = json.loads(proc.stdout)
    assert sum(v["original"] for v in story["versions"]) == 1
    assert html.read_text(encoding="utf-8").startswith("<!doctype html>")

    proc = run("find", tmp_path / "docs" / "s0-v0.txt", "--db", db, "--json", "--top", "1")
    found = json.loads(proc.stdout)
    assert len(found) == 4 and found[0]["comparison"] is not None and found[1]["comparison"] is None

    proc = run("stories", "--db", db)
    assert proc.returncode == 0 and "versions" in proc.stdout.decode()


def test_store_errors_are_one_line(tmp_path):
    proc = run("stories", "--db", tmp_path / "missing.duckdb")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "no such store" in proc.stderr.decode()

    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("just some notes")
    proc = run("stories", "--db", not_a_store)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()

    proc = run("index", tmp_path / "nowhere", "--db", tmp_path / "x.duckdb")
    assert proc.returncode == 2 and "no such file" in proc.stderr.decode()


def test_an_index_run_that_reads_nothing_leaves_no_store(tmp_path):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8)
    db = tmp_path / "news.duckdb"
    proc = run("index", tmp_path / "bad.warc.gz", "--db", db)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert len(err) < 300 and "WARC" in err
    assert not db.exists()
