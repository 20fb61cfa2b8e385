"""Who copied whom: the derivation tree, one URL's history, the Atom feed of changes, titles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from storydiff import corpus
from storydiff.corpus.provenance import derivation
from storydiff.records import Edge, Marks

from .generate import edit_chain, make_corpus


def edge(a: str, b: str, only_a: int, only_b: int) -> Edge:
    x, y = sorted((a, b))
    oa, ob = (only_a, only_b) if x == a else (only_b, only_a)
    return Edge(x, y, 0.9, 0.9, 0.95, oa, ob)


def parents(tree) -> dict[str, str | None]:
    return {d.id: d.parent for d in tree}


def test_a_copy_that_carries_an_edit_forward_descends_from_the_copy_that_made_it():
    # o -> p (p drops a sentence and rewords one: 2 + 1), p -> q (q keeps p's edit, drops one more)
    edges = [edge("o", "p", 2, 1), edge("p", "q", 1, 0), edge("o", "q", 3, 1)]
    tree = derivation(["q", "o", "p"], edges, {}, {})
    assert parents(tree) == {"o": None, "p": "o", "q": "p"}
    assert [d.depth for d in tree] == [0, 1, 2]


def test_dates_decide_the_direction_and_evidence_says_so():
    edges = [edge("x", "y", 1, 1)]
    tree = derivation(["x", "y"], edges, {"x": "2024-05-02T10:00:00", "y": "2024-05-01T08:00:00"})
    assert parents(tree) == {"x": "y", "y": None}
    child = next(d for d in tree if d.id == "x")
    assert child.confidence > 0.99 and any("after its parent" in e for e in child.evidence)


def test_without_dates_a_correction_note_and_lost_headline_mark_the_copy():
    edges = [edge("a", "b", 1, 2)]
    marks = {"a": Marks(0, True, False), "b": Marks(0, False, True)}
    tree = derivation(["a", "b"], edges, {}, marks)
    assert parents(tree) == {"a": "b", "b": None}
    a = next(d for d in tree if d.id == "a")
    assert "adds a correction note" in a.evidence and "has lost the headline" in a.evidence
    assert 0.5 < a.confidence <= 1.0


def test_a_star_of_independent_copies_is_rooted_at_its_source():
    # each copy makes its own edit of one source: copies are 2 edits apart, 1 from the source
    leaves = ["c1", "c2", "c3", "c4"]
    edges = [edge("src", c, 1, 1) for c in leaves]
    edges += [edge(a, b, 2, 2) for i, a in enumerate(leaves) for b in leaves[i + 1 :]]
    tree = derivation(["src", *leaves], edges, {}, {})
    assert parents(tree) == {"src": None, **dict.fromkeys(leaves, "src")}


def test_the_project_examples_name_the_right_original(tmp_path):
    from pathlib import Path

    examples = Path(__file__).parents[2] / "examples"
    db = tmp_path / "ex.duckdb"
    corpus.index([str(examples)], db, workers=1)
    (st,) = corpus.stories(db)
    assert st.original.endswith("original.txt")
    report = corpus.story(db, st.id)
    copy = next(m for m in st.members if m.endswith("copy.txt"))
    assert report.parent(copy) == st.original and report.comparisons[copy].summary["major"] > 0


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    root = tmp_path_factory.mktemp("chain")
    ids = edit_chain(root / "docs")
    make_corpus(root / "docs", stories=2, decoys=4)  # other stories: rare words need a corpus to be rare
    db = root / "chain.duckdb"
    corpus.index([str(root / "docs")], db, workers=1)
    return db, ids


def test_an_edit_chain_that_drifts_far_from_its_first_version_stays_one_story(chain):
    db, ids = chain
    with corpus.Store(db, read_only=True) as store:
        first, last = (store.document(i).doc.text.split("\n\n") for i in (ids[0], ids[-1]))
        assignment = store.assignment()
    assert len(set(first) & set(last)) / len(first) < 0.2
    assert len({assignment[i] for i in ids}) == 1
    report = corpus.story(db, ids[-1], explain=False)
    assert parents(report.story.tree) == {ids[0]: None, **{b: a for a, b in zip(ids, ids[1:])}}


def test_the_history_of_a_url_lists_every_step_in_order_with_its_changes(chain):
    db, ids = chain
    h = corpus.history(db, "https://example.org/harbour")
    assert [s.id for s in h.steps] == ids and len(h.stories) == 1
    assert h.steps[0].previous is None and all(s.comparison is not None for s in h.steps[1:])
    assert all(s.previous == p for s, p in zip(h.steps[1:], ids))


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *map(str, args)], capture_output=True, timeout=300
    )


def test_history_and_feed_commands(chain):
    import feedparser

    db, ids = chain
    proc = run("history", "https://example.org/harbour", "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    steps = json.loads(proc.stdout)["steps"]
    assert [s["id"] for s in steps] == ids

    out = db.parent / "chain.atom"
    proc = run("feed", "--db", db, "--url", "https://example.org/harbour", "-o", out)
    assert proc.returncode == 0, proc.stderr
    feed = feedparser.parse(out.read_text(encoding="utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == len(ids) - 1
    newest = feed.entries[0]
    assert newest.updated.startswith("2024-03-10") and "before:" in newest.content[0].value

    proc = run("feed", "--db", db, "--story", ids[0])
    feed = feedparser.parse(proc.stdout.decode("utf-8"))
    assert proc.returncode == 0 and not feed.bozo and len(feed.entries) == len(ids) - 1

    proc = run("history", "https://example.org/nowhere", "--db", db)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and err.count("\n") == 0 and "no document with url" in err


def test_story_tree_command(chain):
    db, ids = chain
    proc = run("story", ids[3], "--db", db, "--tree")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert "likely original" in text and "└─" in text and "confidence" in text


def test_titles_never_come_from_a_byline(tmp_path):
    from storydiff.ingest.collection import read_collection

    (tmp_path / "a.txt").write_text(
        "By Ana Lindqvist, Coastal Gazette\n\n"
        "MARROWBY (Gazette) - The council approved the ferry terminal on Tuesday.\n\nIt will open in 2027.",
        encoding="utf-8",
    )
    (doc,) = read_collection([str(tmp_path)])
    assert doc.title == "The council approved the ferry terminal on Tuesday."
