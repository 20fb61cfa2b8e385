"""The Spark executor in local[2] gives exactly the local engine's stories on a generated corpus."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storydiff import corpus
from storydiff.corpus.steps import cell_count

from ..corpus.generate import follow_ups, make_corpus, many_documents, translations

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")


@pytest.fixture(scope="module")
def spark():
    from storydiff.scale.spark import session

    s = session("local[2]")
    yield s
    s.stop()


def as_jsonl(folder, out):
    with out.open("w", encoding="utf-8") as fh:
        for f in sorted(folder.glob("*.txt")):
            fh.write(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n")
        for line in (folder / "decoys.jsonl").read_text(encoding="utf-8").splitlines():
            fh.write(line + "\n")


def snapshot(db):
    """Everything both engines must agree on: stories, edges, derivation trees and threads."""
    with corpus.Store(db, read_only=True) as store:
        marks = sorted(store.marks().items())
        names = sorted((k, v.tobytes()) for k, v in store.names().items())
        placed = sorted(store.con.execute("SELECT id, cell FROM doc_cells").fetchall())
        languages = sorted(store.languages().items())
        ids, _, _ = store.ledes()
        state = sorted(store.assignment().items()), store.edges(), store.count(), marks, names, placed
        idf = sorted((w, round(v, 12)) for w, v in store.con.execute("SELECT * FROM word_idf").fetchall())
        common = sorted(store.con.execute("SELECT key FROM common_keys").fetchall())
        state += (languages, ids, idf, common)
    trees = [s.tree for s in corpus.stories(db)]
    threads = [tuple(s.id for s in t.stories) for t in corpus.threads(db)]
    return state, trees, threads


@pytest.mark.parametrize(
    "config",
    [corpus.CorpusConfig(), corpus.CorpusConfig(exact_neighbours=0, cell_size=12)],
    ids=["exact-neighbours", "k-means-cells"],
)
def test_spark_gives_the_local_stories(tmp_path, spark, config):
    from storydiff.scale.spark import run

    make_corpus(tmp_path / "docs", stories=4, decoys=4)
    many_documents(tmp_path / "more", 60)
    src = tmp_path / "corpus.jsonl"
    as_jsonl(tmp_path / "docs", src)
    follow_ups(tmp_path / "events")
    translations(tmp_path / "tr")
    with src.open("a", encoding="utf-8") as fh:
        fh.write((tmp_path / "more" / "many.jsonl").read_text(encoding="utf-8"))
        fh.write((tmp_path / "events" / "events.jsonl").read_text(encoding="utf-8"))
        fh.write((tmp_path / "tr" / "translations.jsonl").read_text(encoding="utf-8"))

    local_db = tmp_path / "local.duckdb"
    corpus.index([str(src)], local_db, workers=1, config=config)

    out = tmp_path / "spark-out"
    run(spark, [str(src)], str(out), config)
    spark_db = tmp_path / "spark.duckdb"
    with corpus.Store(spark_db, config=config) as store:
        store.import_parquet(out)

    local, spark_result = snapshot(local_db), snapshot(spark_db)
    assert spark_result == local
    assert local[2], "the follow-ups form at least one thread"
    assert ("bridge-fr", "fr") in local[0][6], "languages are recorded"
    assert len(local[0][7]) == local[0][2], "a mixed corpus gives every document a lede vector"
    with corpus.Store(local_db, read_only=True) as a, corpus.Store(spark_db, read_only=True) as b:
        cells = cell_count(a.count(), config)
        assert len(a.centroids()) == cells and (cells > 1) == (config.exact_neighbours == 0)
        assert a.centroids().tobytes() == b.centroids().tobytes()
        # the multilingual encoder's batches differ between the engines by float rounding only
        assert np.allclose(a.ledes()[2], b.ledes()[2], atol=1e-5)
    stories = corpus.stories(spark_db)
    assert len(stories) >= 4 and {len(s.members) for s in stories} >= {4}


def test_connected_components_on_spark_match_union_find(spark):
    import random

    from storydiff.corpus.steps import components
    from storydiff.scale.spark import connected_components

    rng = random.Random(5)
    edges = [(f"n{rng.randrange(300):03d}", f"n{rng.randrange(300):03d}") for _ in range(260)]
    edges = [(a, b) for a, b in edges if a != b]
    labels = connected_components(spark.createDataFrame(edges, "a string, b string")).collect()
    assert {r.id: r.story for r in labels} == {k: v for k, v in components(edges).items() if k != v}
