"""The local executor: runs the steps of ``steps.py`` over a collection, with the DuckDB store between them.

Phases, each resumable: (1) read + featurise, committed per batch; (2) link: candidates + verify for every
document not yet linked, committed per chunk with the documents' "linked" marks; (3) cluster: recomputed from
all edges and swapped in one transaction. A run killed anywhere leaves committed batches only, and the next
run picks up where it stopped: ids already stored are skipped, unlinked documents are linked.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storydiff.embed import StaticMiniLM
from storydiff.ingest.collection import Fields, Skipped, read_collection
from storydiff.records import Candidate, CorpusDoc, Edge

from .across import foreign, lede_vectors, link_across
from .steps import (
    CorpusConfig,
    CorpusStats,
    Features,
    assign_cells,
    bucket_pairs,
    cell_count,
    components,
    content_sentences,
    featurise,
    first_in_groups,
    nearest,
    sample_rank,
    train_cells,
    verify,
)
from .store import Store, features_of

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(phase, done, total)``; the CLI draws bars with it."""

BATCH = 512
LINK_CHUNK = 1024


@dataclass
class IndexReport:
    added: int = 0
    already_indexed: int = 0
    skipped: Skipped = field(default_factory=Skipped)
    candidates: dict[str, int] = field(
        default_factory=lambda: {"minhash": 0, "embedding": 0, "translation": 0}
    )
    verified: int = 0
    edges: int = 0
    documents: int = 0
    stories: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "already_indexed": self.already_indexed,
            "skipped": {"count": self.skipped.count, "examples": self.skipped.examples},
            "candidates": self.candidates,
            "verified_pairs": self.verified,
            "edges": self.edges,
            "documents": self.documents,
            "stories": self.stories,
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


def _noop(phase: str, done: int, total: int | None) -> None:
    pass


# -- workers: one encoder per process, loaded once ------------------------------------------------------

_worker_encoder: StaticMiniLM | None = None
_worker_config: CorpusConfig | None = None


def _init_worker(config: CorpusConfig) -> None:
    global _worker_encoder, _worker_config
    _worker_encoder, _worker_config = StaticMiniLM(), config


def _featurise_batch(docs: list[CorpusDoc]) -> tuple[list[CorpusDoc], list[Features]]:
    return docs, featurise(docs, _worker_config, _worker_encoder)


def _batches(docs: Iterable[CorpusDoc], store: Store, report: IndexReport) -> Iterator[list[CorpusDoc]]:
    seen: set[str] = set()
    batch: list[CorpusDoc] = []

    def flush() -> list[CorpusDoc]:
        known = store.known_ids([d.id for d in batch])
        report.already_indexed += len(known)
        return [d for d in batch if d.id not in known]

    for d in docs:
        if d.id in seen:
            report.skipped.add(f"{d.doc.source}: id {d.id!r} appears twice; the first is kept")
            continue
        seen.add(d.id)
        batch.append(d)
        if len(batch) == BATCH:
            fresh = flush()
            batch = []
            if fresh:
                yield fresh
    if batch and (fresh := flush()):
        yield fresh


def ingest(
    docs: Iterable[CorpusDoc], store: Store, report: IndexReport, workers: int, progress: Progress
) -> None:
    """Phase 1: featurise and store, batch by batch, in ``workers`` processes when there is work for them.

    Only this thread touches the store (a DuckDB connection serves one call at a time); workers get
    documents and return features, at most ``2 * workers`` batches in flight, committed in input order.
    """
    batches = _batches(docs, store, report)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)

    def commit(batch: list[CorpusDoc], feats: list[Features]) -> None:
        store.add(batch, feats)
        report.added += len(batch)
        progress("featurise", report.added, None)

    if second is None or workers <= 1:
        _init_worker(store.config)
        for batch in _chain([first] + ([second] if second else []), batches):
            commit(*_featurise_batch(batch))
        return
    # spawn, not fork: DuckDB and onnxruntime hold threads that a forked child would inherit mid-state
    with mp.get_context("spawn").Pool(workers, _init_worker, (store.config,)) as pool:
        in_flight: deque = deque()
        for batch in _chain([first, second], batches):
            in_flight.append(pool.apply_async(_featurise_batch, (batch,)))
            while len(in_flight) >= 2 * workers:
                commit(*in_flight.popleft().get())
        while in_flight:
            commit(*in_flight.popleft().get())


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


_worker_stats: CorpusStats | None = None


def _init_verifier(stats: CorpusStats, config: CorpusConfig) -> None:
    global _worker_stats, _worker_config
    _worker_stats, _worker_config = stats, config


def _verify_slice(job: tuple[list[Candidate], dict[str, tuple]]) -> list[Edge]:
    """Verify candidates from the stored rows of their documents (``Store.feature_rows``): bytes pickle as a
    copy, where a ``Features`` of a dozen arrays cost the main process a third of the link phase at 1M."""
    cands, rows = job
    feats = {k: features_of(*row) for k, row in rows.items()}
    out = []
    for c in cands:
        e = verify(feats[c.a], feats[c.b], _worker_stats, _worker_config)
        if e is not None:
            out.append(e)
    return out


def link(store: Store, report: IndexReport, progress: Progress, workers: int = 1) -> None:
    """Phase 2: candidates for every unlinked document (LSH buckets, embedding neighbours), then verify.

    When documents were added to a corpus already linked, every document is linked again: word idf, the
    boilerplate sentences and each document's nearest neighbours depend on the whole corpus, so only this
    gives the edges one run over the same documents gives, whatever the order or batching (issue 16). It
    costs a full link per incremental run; a killed relink resumes as a relink.
    """
    todo = store.unlinked()
    if not todo:
        return
    if len(todo) < store.count():
        store.reset_links()
        todo = store.unlinked()
    config = store.config
    ids, vecs = store.vectors()
    index = {d: i for i, d in enumerate(ids)}
    near, cells = _neighbours(store, todo, ids, vecs, index, progress)
    del vecs
    # cell by cell: a document's candidates are mostly its cell's, so consecutive chunks need the same
    # documents' features, which are then read once (_link_chunks keeps the last chunk's)
    todo = sorted(todo, key=lambda d: (int(cells[index[d]]), index[d])) if len(cells) else todo
    buckets = store.buckets()
    in_buckets: dict[str, list[int]] = {}
    for k, members in enumerate(buckets):
        for m in members:
            in_buckets.setdefault(m, []).append(k)
    stats = store.stats()
    store.save_stats(stats)
    _link_across(store, report, progress)
    pool = None
    if workers > 1 and len(todo) > LINK_CHUNK:
        pool = mp.get_context("spawn").Pool(workers, _init_verifier, (stats, config))
    try:
        lsh = (buckets, in_buckets)
        _link_chunks(store, report, progress, todo, ids, index, near, lsh, stats, pool, workers)
    finally:
        if pool is not None:
            pool.terminate()


def _link_across(store: Store, report: IndexReport, progress: Progress) -> None:
    """Versions in other languages (``across``), once the corpus holds a document not in English.

    The English documents get their lede vectors first (once: they are stored), then each document in
    another language is linked to its translations. Committed before the chunks, without "linked" marks: a
    run killed after this commits the same edges again (``INSERT OR IGNORE``), or relinks everything.
    """
    from storydiff.embed import multilingual_encoder

    if not any(foreign(x) for x in store.languages().values()):
        return
    config, encoder = store.config, multilingual_encoder()
    missing = store.without_lede()
    for start in range(0, len(missing), BATCH):
        docs = store.documents(missing[start : start + BATCH])
        vecs = lede_vectors([content_sentences(d) for d in docs], config, encoder)
        store.set_ledes([d.id for d in docs], vecs)
        progress("ledes", min(start + BATCH, len(missing)), len(missing))
    ids, langs, ledes = store.ledes()
    cands, edges = link_across(ids, langs, ledes, store.documents, encoder, config)
    report.candidates["translation"] += len(cands)
    report.verified += len(cands)
    store.add_edges(edges, [])


def _centroids(store: Store, ids: list[str], vecs: np.ndarray) -> np.ndarray:
    """The cells, trained again on every link run from the whole corpus once it outgrows the exact search.

    The same sample (by a hash of the id) and the same steps as one run over these documents, so cells never
    go stale as the corpus grows, and any order or batching of indexing gives the same cells (a link run
    relinks everything anyway; training costs a fraction of it: ~40 sample documents per cell).
    """
    cells = cell_count(len(ids), store.config)
    if not cells:
        if len(store.centroids()):
            store.set_centroids(np.zeros((0, 0), dtype=np.float32))
        return np.zeros((0, vecs.shape[1] if vecs.ndim == 2 else 0), dtype=np.float32)
    ranks = np.array([sample_rank(d) for d in ids], dtype=np.uint64)
    order = np.lexsort((np.arange(len(ids)), ranks))[: cells * store.config.cell_sample]
    centroids = train_cells(vecs[order], cells, store.config)
    store.set_centroids(centroids)
    return centroids


def _neighbours(
    store: Store, todo: list[str], ids, vecs, index, progress: Progress
) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """Each unlinked document's embedding neighbours (rows of ``ids``), searched cell by cell, and each
    document's nearest cell (empty without cells).

    The same search as Spark's (``neighbour_triples`` per cell, then ``best_neighbours``), in arrays:
    a million documents give tens of millions of (query, neighbour) rows.
    """
    config = store.config
    k = config.neighbours
    centroids = _centroids(store, ids, vecs)
    cells = assign_cells(vecs, centroids, config.cell_probes)
    if len(centroids):
        store.set_doc_cells(ids, cells)
    wanted = np.zeros(len(ids), dtype=bool)
    wanted[[index[d] for d in todo]] = True
    by_cell = np.argsort(cells.ravel(), kind="stable")  # positions in cells.ravel(), cell by cell
    flat = cells.ravel()[by_cell]
    bounds = np.flatnonzero(np.diff(flat)) + 1
    found_q, found_c, found_s = [], [], []
    for n, members in enumerate(np.split(by_cell // cells.shape[1], bounds)):
        members = np.sort(members)  # id order: ties go to the smaller id
        queries = members[wanted[members]]
        if len(queries):
            r, c, sim = nearest(vecs[queries], vecs[members], k + 1, config.min_doc_cosine)
            q, c = queries[r], members[c]
            keep = q != c
            q, c, sim = q[keep], c[keep], sim[keep]
            top = first_in_groups(q, k)
            found_q.append(q[top]), found_c.append(c[top]), found_s.append(sim[top])
        progress("neighbours", n + 1, len(bounds) + 1)
    first = cells[:, 0] if len(centroids) else np.zeros(0, dtype=np.int64)
    if not found_q:
        return {}, first
    q, c, sim = (np.concatenate(x) for x in (found_q, found_c, found_s))
    order = np.lexsort((c, -sim, q))  # best_neighbours' order
    q, c = q[order], c[order]
    fresh = np.ones(len(q), dtype=bool)
    fresh[1:] = (q[1:] != q[:-1]) | (c[1:] != c[:-1])  # one pair from two cells: same cosine, adjacent
    q, c = q[fresh], c[fresh]
    top = first_in_groups(q, k)
    q, c = q[top], c[top]
    starts = np.searchsorted(q, np.unique(q))
    return dict(zip(np.unique(q).tolist(), np.split(c, starts[1:]))), first


def _candidates(
    store: Store,
    chunk: list[str],
    ids: list[str],
    near: dict[int, np.ndarray],
    index,
    lsh,
    done: Callable[[str], bool] = lambda d: False,
) -> list:
    """The candidate pairs of ``chunk``'s documents, less those an earlier chunk of this run already had:
    a pair whose other document is ``done`` and that it found the same way (one bucket, or this document
    among its neighbours) was verified with that document's chunk."""
    config = store.config
    buckets, in_buckets = lsh
    mine = set(chunk)
    pairs: dict[tuple[str, str], str] = {}
    bucketed: set[tuple[str, str]] = set()
    for k in sorted({k for d in chunk for k in in_buckets.get(d, ())}):
        for c in bucket_pairs(buckets[k], config):
            if c.a in mine or c.b in mine:
                bucketed.add((c.a, c.b))
                if not (done(c.a) or done(c.b)):
                    pairs.setdefault((c.a, c.b), c.via)
    for d in chunk:
        for other in near.get(index[d], np.zeros(0, np.int64)).tolist():
            pair = (min(d, ids[other]), max(d, ids[other]))
            if done(ids[other]) and (pair in bucketed or index[d] in near.get(other, ())):
                continue
            pairs.setdefault(pair, "embedding")
    return sorted((Candidate(a, b, v) for (a, b), v in pairs.items()), key=lambda c: (c.a, c.b))


def _link_chunks(store, report, progress, todo, ids, index, near, lsh, stats, pool, workers) -> None:
    """Chunk by chunk; with a pool, the next chunk's candidates are found while the workers verify."""
    done = 0
    pending = None  # (chunk, async result) being verified by the pool
    rows: dict[str, tuple] = {}  # the last chunk's documents' stored features

    def commit(chunk: list[str], edges: list[Edge]) -> None:
        nonlocal done
        store.add_edges(edges, chunk)
        done += len(chunk)
        progress("link", done, len(todo))

    position = {d: i for i, d in enumerate(todo)}
    for start in range(0, len(todo), LINK_CHUNK):
        chunk = todo[start : start + LINK_CHUNK]
        earlier = lambda d, s=start: position.get(d, s) < s  # noqa: E731  (linked by an earlier chunk)
        cands = _candidates(store, chunk, ids, near, index, lsh, earlier)
        for c in cands:
            report.candidates[c.via] += 1
        report.verified += len(cands)
        needed = {x for c in cands for x in (c.a, c.b)}
        rows = {x: rows[x] for x in needed if x in rows}
        rows.update(store.feature_rows(needed - rows.keys()))
        if pool is None:
            _init_verifier(stats, store.config)
            commit(chunk, _verify_slice((cands, rows)))
            continue
        step = max(1, -(-len(cands) // (2 * workers)))
        jobs = []
        for k in range(0, len(cands), step):
            part = cands[k : k + step]
            jobs.append((part, {x: rows[x] for c in part for x in (c.a, c.b)}))
        if pending is not None:
            commit(pending[0], [e for found in pending[1].get() for e in found])
        pending = (chunk, pool.map_async(_verify_slice, jobs))
    if pending is not None:
        commit(pending[0], [e for found in pending[1].get() for e in found])


def cluster(store: Store, report: IndexReport) -> None:
    """Phase 3: stories are the connected components of verified edges, swapped in atomically."""
    edges = store.edges()
    labels = components((e.a, e.b) for e in edges)
    assignment = {doc: labels.get(doc, doc) for doc in store.titles()}
    store.replace_stories(assignment)
    report.edges = len(edges)
    report.documents = len(assignment)
    sizes: dict[str, int] = {}
    for s in assignment.values():
        sizes[s] = sizes.get(s, 0) + 1
    report.stories = sum(1 for n in sizes.values() if n > 1)


def index(
    paths: Sequence[str],
    db: str | Path,
    *,
    fields: Fields | None = None,
    config: CorpusConfig | None = None,
    workers: int | None = None,
    progress: Progress = _noop,
) -> IndexReport:
    """Index ``paths`` into the store at ``db``; safe to re-run, and to re-run after a crash."""
    report = IndexReport()
    docs = read_collection(list(paths), fields or Fields(), report.skipped)
    path = Path(db)
    new = not path.exists()
    try:
        with Store(db, config=config) as store:
            t = time.perf_counter()
            store.drop_band_index()
            ingest(docs, store, report, workers or os.cpu_count() or 1, progress)
            report.seconds["featurise"] = time.perf_counter() - t
            t = time.perf_counter()
            link(store, report, progress, workers or os.cpu_count() or 1)
            report.seconds["link"] = time.perf_counter() - t
            t = time.perf_counter()
            cluster(store, report)
            store.index_bands()  # for find's band lookup
            report.seconds["cluster"] = time.perf_counter() - t
    except BaseException:
        if new:
            _remove_store(path)  # a run that failed before indexing anything leaves no empty store
        raise
    if new and report.added == 0:
        _remove_store(path)
    return report


def _remove_store(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
