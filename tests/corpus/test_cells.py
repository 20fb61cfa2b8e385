"""The approximate neighbour search (k-means cells) for corpora larger than ``exact_neighbours``."""

from __future__ import annotations

import numpy as np

from storydiff import corpus
from storydiff.corpus.local import _neighbours
from storydiff.corpus.steps import (
    CorpusConfig,
    assign_cells,
    best_neighbours,
    nearest,
    neighbour_triples,
    train_cells,
)

from .generate import make_corpus, many_documents

CELLS = CorpusConfig(exact_neighbours=0, cell_size=15)


def build(tmp_path, config: CorpusConfig):
    make_corpus(tmp_path / "docs", stories=4, decoys=4)
    many_documents(tmp_path / "more", 90)
    db = tmp_path / f"cells-{config.exact_neighbours}.duckdb"
    corpus.index([str(tmp_path / "docs"), str(tmp_path / "more")], db, workers=1, config=config)
    return db


def test_the_cell_search_is_the_search_within_each_cell_merged(tmp_path):
    """The local engine's array form gives what per-cell ``neighbour_triples`` + ``best_neighbours`` give."""
    db = build(tmp_path, CELLS)
    with corpus.Store(db) as store:
        ids, vecs = store.vectors()
        centroids = store.centroids()
        assert len(centroids) > 4
        cells = assign_cells(vecs, centroids, CELLS.cell_probes)
        triples = []
        for c in np.unique(cells):
            rows = sorted(set(np.flatnonzero((cells == c).any(axis=1)).tolist()))
            members = [ids[r] for r in rows]
            triples += neighbour_triples(members, vecs[rows], members, vecs[rows], CELLS)
        expected = {(c.a, c.b) for c in best_neighbours(triples, CELLS)}
        index = {d: i for i, d in enumerate(ids)}
        near, _ = _neighbours(store, ids, ids, vecs, index, lambda *a: None)
    got = {(min(ids[q], ids[o]), max(ids[q], ids[o])) for q, os in near.items() for o in os.tolist()}
    assert got == expected and len(got) > len(ids)


def test_cells_find_the_stories_the_exact_search_finds(tmp_path):
    exact = build(tmp_path, CorpusConfig())
    cells = build(tmp_path, CELLS)
    with corpus.Store(exact, read_only=True) as a, corpus.Store(cells, read_only=True) as b:
        assert len(a.centroids()) == 0 and len(b.centroids()) > 4
        assert a.assignment() == b.assignment()
    assert len(corpus.stories(cells)) >= 10


def test_find_reads_only_the_query_cells_and_finds_what_the_exact_search_finds(tmp_path):
    exact = build(tmp_path, CorpusConfig())
    cells = build(tmp_path, CELLS)
    with corpus.Store(cells, read_only=True) as store:
        everything = len(store.vectors()[0])
        centroids = store.centroids()
        query = store.document(str(tmp_path / "docs" / "s1-v0.txt"))
        (feat,) = corpus.featurise([query], store.config, corpus_encoder())
        mine = assign_cells(feat.vector[None, :], centroids, CELLS.cell_probes)[0]
        assert len(store.vectors(mine)[0]) < everything  # the query's cells, not the corpus
    found_cells = {m.id for m in corpus.find(query, cells, explain=False)}
    found_exact = {m.id for m in corpus.find(query, exact, explain=False)}
    assert found_cells == found_exact and len(found_cells) >= 4


def corpus_encoder():
    from storydiff.embed import StaticMiniLM

    return StaticMiniLM()


def test_nearest_ranks_ties_by_column_and_respects_the_floor():
    q = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    m = np.array([[1.0, 0.0], [0.6, 0.8], [1.0, 0.0], [0.0, -1.0]], dtype=np.float32)
    rows, cols, sims = nearest(q, m, k=2, floor=0.5)
    assert list(zip(rows.tolist(), cols.tolist())) == [(0, 0), (0, 2), (1, 1)]
    assert np.allclose(sims, [1.0, 1.0, 0.8])
    assert assign_cells(q, m, probes=2).tolist() == [[0, 2], [1, 0]]


def test_training_is_deterministic_and_places_each_document_in_its_nearest_cells():
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(5, 16))
    sample = np.concatenate([c + 0.05 * rng.normal(size=(40, 16)) for c in centres])
    sample = (sample / np.linalg.norm(sample, axis=1, keepdims=True)).astype(np.float32)
    sample = sample[rng.permutation(len(sample))]
    config = CorpusConfig()
    a, b = train_cells(sample, 5, config), train_cells(sample, 5, config)
    assert a.tobytes() == b.tobytes()
    owner = assign_cells(sample, a, 1)[:, 0]
    truth = np.argmax(sample @ (centres / np.linalg.norm(centres, axis=1, keepdims=True)).T, axis=1)
    pairs = set(zip(owner.tolist(), truth.tolist()))
    assert len(pairs) == 5  # each true cluster is exactly one trained cell


def test_cells_follow_the_corpus_whatever_the_batching(tmp_path):
    """Cells are trained from the whole corpus on every link run: two batches give one run's cells."""
    make_corpus(tmp_path / "docs", stories=4, decoys=4)
    many_documents(tmp_path / "more", 90)
    one = tmp_path / "one.duckdb"
    corpus.index([str(tmp_path / "docs"), str(tmp_path / "more")], one, workers=1, config=CELLS)
    two = tmp_path / "two.duckdb"
    corpus.index([str(tmp_path / "more")], two, workers=1, config=CELLS)
    with corpus.Store(two, read_only=True) as b:
        first = b.centroids()
    corpus.index([str(tmp_path / "docs")], two, workers=1, config=CELLS)
    with corpus.Store(one, read_only=True) as a, corpus.Store(two, read_only=True) as b:
        assert len(b.centroids()) > len(first)  # retrained for the grown corpus
        assert a.centroids().tobytes() == b.centroids().tobytes()
        assert a.edges() == b.edges() and a.assignment() == b.assignment()
