"""The corpus store: one DuckDB file, and the Parquet tables a distributed run writes and it imports.

Why DuckDB: the work is set-at-a-time (band self-joins, document frequencies, Parquet in and out), where it
was measured 5-15x faster than SQLite (issue 4: 100k signatures insert 0.7 s vs 3.2 s + 1.2 s index,
self-join 0.2 s vs 3.2 s); its slower point lookup (~1 ms) is paid once per ``find``/``story``. One writer at
a time; any number of read-only readers when no writer holds the file (``Store(path, read_only=True)``).

Crash safety comes from transactions: a batch of documents with all their features, or a batch of edges with
the "linked" marks of the documents that produced them, commits whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import numpy as np

from storydiff.errors import InputError, StorydiffError
from storydiff.records import CorpusDoc, Document, Edge, Marks, Span, Story

from .steps import CorpusConfig, CorpusStats, Features

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, seq BIGINT, source VARCHAR, format VARCHAR, text VARCHAR, hints VARCHAR,
    title VARCHAR, date VARCHAR, url VARCHAR, content_hash VARCHAR, n_sentences INTEGER, linked BOOLEAN,
    furniture INTEGER, correction BOOLEAN, headline BOOLEAN, language VARCHAR);
CREATE TABLE IF NOT EXISTS features (
    id VARCHAR PRIMARY KEY, minhash BLOB, vector BLOB, sentences BLOB, sentence_keys BLOB, words BLOB,
    word_counts BLOB, names BLOB, lede BLOB);
CREATE TABLE IF NOT EXISTS bands (id VARCHAR, band USMALLINT, key UBIGINT);
CREATE TABLE IF NOT EXISTS sentence_keys (id VARCHAR, content_hash VARCHAR, key UBIGINT);
CREATE TABLE IF NOT EXISTS edges (
    a VARCHAR, b VARCHAR, coverage_a DOUBLE, coverage_b DOUBLE, similarity DOUBLE, only_a INTEGER,
    only_b INTEGER, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS stories (id VARCHAR PRIMARY KEY, story VARCHAR);
CREATE TABLE IF NOT EXISTS cells (cell INTEGER PRIMARY KEY, centroid BLOB);
CREATE TABLE IF NOT EXISTS doc_cells (id VARCHAR, cell INTEGER);
CREATE TABLE IF NOT EXISTS word_idf (word UINTEGER, idf DOUBLE);
CREATE TABLE IF NOT EXISTS common_keys (key UBIGINT);
"""
# Columns added since the first stores were written: an older store gains them (NULL: not known) when it is
# next opened for writing, and readers of an older store treat them as unknown.
ADDED = (
    ("documents", "furniture", "INTEGER"),
    ("documents", "correction", "BOOLEAN"),
    ("documents", "headline", "BOOLEAN"),
    ("documents", "language", "VARCHAR"),
    ("features", "names", "BLOB"),
    ("features", "lede", "BLOB"),
    ("edges", "only_a", "INTEGER"),
    ("edges", "only_b", "INTEGER"),
)
TABLES = (
    "documents",
    "features",
    "bands",
    "sentence_keys",
    "edges",
    "stories",
    "cells",
    "doc_cells",
    "word_idf",
    "common_keys",
)


class Store:
    def __init__(self, path: str | Path, read_only: bool = False, config: CorpusConfig | None = None):
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise InputError(f"{path}: no such store (run `storydiff index ... --db {path}` first)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StorydiffError(f"{path}: the store is being written by another process") from exc
            raise InputError(f"{path}: not a storydiff store ({str(exc).splitlines()[0]})") from exc
        except duckdb.Error as exc:
            raise InputError(f"{path}: not a storydiff store ({str(exc).splitlines()[0]})") from exc
        if not read_only:
            self.con.execute(SCHEMA)
            for table, column, kind in ADDED:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
        self.config = self._check_config(config or CorpusConfig(), read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_config(self, config: CorpusConfig, read_only: bool) -> CorpusConfig:
        """A store keeps the config it was built with: signatures made with other settings never mix."""
        try:
            row = self._one("SELECT value FROM meta WHERE key = 'config'")
        except Exception as exc:
            raise InputError(f"{self.path}: not a storydiff store") from exc
        if row is None:
            if not read_only:
                self.con.execute("INSERT INTO meta VALUES ('config', ?)", [json.dumps(asdict(config))])
            return config
        return CorpusConfig(**json.loads(row[0]))

    # -- writing ---------------------------------------------------------------------------------------

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        with self._table("q", {"id": _obj(list(ids))}):
            return {
                r[0] for r in self.con.execute("SELECT d.id FROM documents d JOIN q USING (id)").fetchall()
            }

    def add(self, docs: Sequence[CorpusDoc], feats: Sequence[Features]) -> None:
        """One transaction: the documents and every derived row, or nothing."""
        if not docs:
            return
        start = self._one("SELECT coalesce(max(seq), 0) FROM documents")[0]
        docs_rows, feat_rows, band_rows, key_rows = rows_of(docs, feats, start)
        with self._transaction():
            for table, rows in (
                ("documents", docs_rows),
                ("features", feat_rows),
                ("bands", band_rows),
                ("sentence_keys", key_rows),
            ):
                with self._table("new_rows", rows):
                    self.con.execute(f"INSERT INTO {table} SELECT * FROM new_rows")

    def add_edges(self, edges: Sequence[Edge], linked: Sequence[str]) -> None:
        edge_rows = {
            "a": _obj([x.a for x in edges]),
            "b": _obj([x.b for x in edges]),
            "coverage_a": np.array([x.coverage_a for x in edges], dtype=np.float64),
            "coverage_b": np.array([x.coverage_b for x in edges], dtype=np.float64),
            "similarity": np.array([x.similarity for x in edges], dtype=np.float64),
            "only_a": np.array([x.only_a for x in edges], dtype=np.int32),
            "only_b": np.array([x.only_b for x in edges], dtype=np.int32),
        }
        with self._transaction(), self._table("e", edge_rows), self._table("ids", {"id": _obj(list(linked))}):
            if edges:
                self.con.execute("INSERT OR IGNORE INTO edges SELECT * FROM e")
            self.con.execute("UPDATE documents SET linked = true FROM ids WHERE documents.id = ids.id")

    def reset_links(self) -> None:
        """Forget every edge and "linked" mark, in one transaction: the next link phase links everything."""
        with self._transaction():
            self.con.execute("DELETE FROM edges")
            self.con.execute("UPDATE documents SET linked = false")

    def replace_stories(self, assignment: dict[str, str]) -> None:
        rows = {"id": _obj(list(assignment)), "story": _obj(list(assignment.values()))}
        with self._transaction(), self._table("s", rows):
            self.con.execute("DELETE FROM stories")
            if assignment:
                self.con.execute("INSERT INTO stories SELECT * FROM s")

    def _one(self, sql: str, params: list | None = None) -> tuple | None:
        """The first row, with the result drained (DuckDB 2 refuses new work while a result is unread)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @contextmanager
    def _table(self, name: str, columns: dict[str, np.ndarray]) -> Iterator[None]:
        """Numpy columns visible to SQL as ``name`` for the duration of a statement (no pandas needed)."""
        self.con.register(name, columns)
        try:
            yield
        finally:
            self.con.unregister(name)

    # -- reading ---------------------------------------------------------------------------------------

    def count(self) -> int:
        return self._one("SELECT count(*) FROM documents")[0]

    def unlinked(self) -> list[str]:
        return [
            r[0]
            for r in self.con.execute("SELECT id FROM documents WHERE NOT linked ORDER BY seq").fetchall()
        ]

    def buckets(self) -> list[tuple[str, ...]]:
        """Every LSH bucket of two to ``max_bucket`` documents (as member lists), in one pass over the bands:
        the local form of the LSH join, computed once per link run instead of once per chunk (issue 16)."""
        rows = self.con.execute(
            "SELECT list(id ORDER BY id) FROM bands GROUP BY band, key HAVING count(*) BETWEEN 2 AND ? "
            "ORDER BY min(id), band",
            [self.config.max_bucket],
        ).fetchall()
        return [tuple(r[0]) for r in rows]

    def sharing_bands(self, band_keys: np.ndarray) -> list[str]:
        """Documents that share any LSH band key with a query's signature.

        With the band index (``index_bands``) the keys are looked up in it: DuckDB uses an index only for
        an IN list of literals, and the keys are integers, so they are written in the query. 32M rows (1M
        documents): 1.3 ms, against 65 ms for the join, which scans the table."""
        if self._one("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'bands_key'")[0]:
            wanted = {(b, int(k)) for b, k in enumerate(band_keys.astype(np.uint64).tolist())}
            literals = ", ".join(str(k) for k in sorted({k for _, k in wanted}))
            rows = self.con.execute(f"SELECT id, band, key FROM bands WHERE key IN ({literals})").fetchall()
            return sorted({i for i, b, k in rows if (b, k) in wanted})
        q = {"band": np.arange(len(band_keys), dtype=np.uint16), "key": band_keys.astype(np.uint64)}
        with self._table("q", q):
            rows = self.con.execute("SELECT DISTINCT b.id FROM bands b JOIN q USING (band, key)").fetchall()
        return [r[0] for r in rows]

    def index_bands(self) -> None:
        """Index the LSH keys for ``find`` once a run has written them (9.9 s and 2.5 GB at 32M rows)."""
        self.con.execute("CREATE INDEX IF NOT EXISTS bands_key ON bands (key)")

    def drop_band_index(self) -> None:
        """Before a run writes many rows: an index maintained row by row costs more than one built after."""
        self.con.execute("DROP INDEX IF EXISTS bands_key")

    def vectors(self, cells: Sequence[int] | None = None) -> tuple[list[str], np.ndarray]:
        """Every document's vector in id order; with ``cells``, only those of the documents placed in them
        (``find`` reads a few cells, not a million vectors). A store without placements gives them all."""
        placed = self._has("doc_cells", "cell") and self._one("SELECT count(*) FROM doc_cells")[0]
        # columns as numpy arrays: a Python tuple per row cost twice the query (20k documents: 0.040 s against
        # 0.018 s)
        if cells is not None and placed:
            with self._table("c", {"cell": np.asarray(cells, dtype=np.int32)}):
                cols = self.con.execute(
                    "SELECT f.id, f.vector FROM features f JOIN "
                    "(SELECT DISTINCT id FROM doc_cells JOIN c USING (cell)) USING (id) ORDER BY id"
                ).fetchnumpy()
        else:
            cols = self.con.execute("SELECT id, vector FROM features ORDER BY id").fetchnumpy()
        if not len(cols["id"]):
            return [], np.zeros((0, 1), dtype=np.float32)
        return cols["id"].tolist(), _matrix(cols["vector"])

    def centroids(self) -> np.ndarray:
        """The neighbour search's k-means cells; none (exact search) until the corpus outgrows it."""
        rows = self.con.execute("SELECT centroid FROM cells ORDER BY cell").fetchall()
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([np.frombuffer(r[0], dtype=np.float32) for r in rows])

    def set_centroids(self, centroids: np.ndarray) -> None:
        """Kept once trained: documents added later go to the same cells as those already linked."""
        with self._transaction():
            self.con.execute("DELETE FROM cells")
            if len(centroids):
                rows = [(i, c.astype(np.float32).tobytes()) for i, c in enumerate(centroids)]
                self.con.executemany("INSERT INTO cells VALUES (?, ?)", rows)

    def set_doc_cells(self, ids: Sequence[str], cells: np.ndarray) -> None:
        """Which cells each document is placed in (every document, each link run that uses cells)."""
        rows = {
            "id": _obj([d for d in ids for _ in range(cells.shape[1])]),
            "cell": cells.ravel().astype(np.int32),
        }
        with self._transaction(), self._table("dc", rows):
            self.con.execute("DELETE FROM doc_cells")
            self.con.execute("INSERT INTO doc_cells SELECT * FROM dc")

    def features(self, ids: Iterable[str]) -> dict[str, Features]:
        return {k: features_of(*row) for k, row in self.feature_rows(ids).items()}

    def feature_rows(self, ids: Iterable[str]) -> dict[str, tuple]:
        """The stored columns of ``features_of`` for ``ids``: plain bytes, which cost next to nothing to send
        to another process, where ``features_of`` turns them into arrays without a copy."""
        with self._table("q", {"id": _obj(sorted(set(ids)))}):
            rows = self.con.execute(
                "SELECT f.id, d.content_hash, f.minhash, f.vector, f.sentences, f.sentence_keys, f.words, "
                "f.word_counts, f.names "
                "FROM features f JOIN q USING (id) JOIN documents d USING (id)"
            ).fetchall()
        return {r[0]: r for r in rows}

    def stats(self) -> CorpusStats:
        """Boilerplate sentences (in more distinct texts than ``common_df``) and word idf, for verify."""
        rows = self.con.execute(
            "SELECT key FROM sentence_keys GROUP BY key HAVING count(DISTINCT content_hash) > ?",
            [self.config.common_df],
        ).fetchall()
        words = [
            np.frombuffer(r[0], dtype=np.uint32)
            for r in self.con.execute("SELECT words FROM features").fetchall()
        ]
        return CorpusStats.build((int(r[0]) for r in rows), words, len(words))

    def save_stats(self, stats: CorpusStats) -> None:
        """Keep a link run's statistics, so that ``find`` reads the idf of its own words, not every
        document's words (a million rows per query)."""
        words = np.fromiter(stats.idf.keys(), dtype=np.uint32, count=len(stats.idf))
        idf = np.fromiter(stats.idf.values(), dtype=np.float64, count=len(stats.idf))
        common = np.array(sorted(stats.common), dtype=np.uint64)
        with (
            self._transaction(),
            self._table("w", {"word": words, "idf": idf}),
            self._table("c", {"key": common}),
        ):
            self.con.execute("DELETE FROM word_idf")
            self.con.execute("DELETE FROM common_keys")
            self.con.execute("INSERT INTO word_idf SELECT * FROM w")
            self.con.execute("INSERT INTO common_keys SELECT * FROM c")

    def stats_for(self, words: Iterable[int]) -> CorpusStats:
        """The statistics of the last link run, for ``words`` only; computed afresh for a store that has
        none saved (one written before they were, or never linked)."""
        if not self._has("word_idf", "idf") or not self._one("SELECT count(*) FROM word_idf")[0]:
            return self.stats()
        wanted = np.unique(np.fromiter(words, dtype=np.uint32))
        with self._table("q", {"word": wanted}):
            rows = self.con.execute("SELECT word, idf FROM word_idf JOIN q USING (word)").fetchall()
        common = [r[0] for r in self.con.execute("SELECT key FROM common_keys").fetchall()]
        unseen = float(np.log(max(self._one("SELECT count(*) FROM features")[0], 1) + 1))  # as ``build``
        return CorpusStats(frozenset(common), {int(w): float(v) for w, v in rows}, unseen)

    def edges(self, ids: Iterable[str] | None = None) -> list[Edge]:
        if ids is None:
            rows = self.con.execute("SELECT * FROM edges ORDER BY a, b").fetchall()
        else:
            with self._table("q", {"id": _obj(sorted(set(ids)))}):
                rows = self.con.execute(
                    "SELECT * FROM edges WHERE a IN (SELECT id FROM q) OR b IN (SELECT id FROM q) "
                    "ORDER BY a, b"
                ).fetchall()
        return [Edge(*r) for r in rows]

    def dates(self, ids: Iterable[str] | None = None) -> dict[str, str | None]:
        return (
            {r[0]: r[1] for r in self.con.execute("SELECT id, date FROM documents").fetchall()}
            if ids is None
            else {k: v for k, v in self.dates().items() if k in set(ids)}
        )

    def assignment(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Each document's story; with ``ids``, only theirs (``find`` reads a handful, not a million)."""
        return dict(self._rows("SELECT id, story FROM stories", ids))

    def members(self, story_id: str) -> list[str]:
        rows = self.con.execute("SELECT id FROM stories WHERE story = ? ORDER BY id", [story_id]).fetchall()
        return [r[0] for r in rows]

    def document(self, doc_id: str) -> CorpusDoc:
        row = self._one(
            "SELECT id, source, format, text, hints, title, date, url FROM documents WHERE id = ?", [doc_id]
        )
        if row is None:
            raise InputError(f"no document {doc_id!r} in {self.path}")
        return _corpus_doc(*row)

    def marks(self, ids: Iterable[str] | None = None) -> dict[str, Marks]:
        """Each version's marks; none for a store written before they were recorded."""
        if not self._has("documents", "headline"):
            return {}
        sql = "SELECT id, furniture, correction, headline FROM documents WHERE headline IS NOT NULL"
        rows = self._rows(sql, ids)
        return {r[0]: Marks(int(r[1]), bool(r[2]), bool(r[3])) for r in rows}

    def urls(self, url: str) -> list[tuple[str, str | None]]:
        """(id, date) of every capture of ``url``, oldest first (undated ones in the order they came in)."""
        rows = self.con.execute(
            "SELECT id, date FROM documents WHERE url = ? ORDER BY date NULLS LAST, seq, id", [url]
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def names(self) -> dict[str, np.ndarray]:
        """Every document's hashed names (none for a store written before they were recorded)."""
        if not self._has("features", "names"):
            return {}
        rows = self.con.execute("SELECT id, names FROM features WHERE names IS NOT NULL").fetchall()
        return {r[0]: np.frombuffer(r[1], dtype=np.uint32) for r in rows}

    def languages(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Each document's language ("en" for a store written before languages were recorded)."""
        if not self._has("documents", "language"):
            return {d: "en" for d in self.titles()} if ids is None else {d: "en" for d in ids}
        return dict(self._rows("SELECT id, coalesce(language, 'en') FROM documents", ids))

    def ledes(self, other_than: Iterable[str] = ()) -> tuple[list[str], list[str], np.ndarray]:
        """(ids, languages, multilingual lede vectors) of every document that has one, in id order; with
        ``other_than``, only those in another language (a query searches those only: an English query in
        a mostly English corpus reads the few foreign documents' vectors, not every document's)."""
        if not self._has("features", "lede"):
            return [], [], np.zeros((0, 0), dtype=np.float32)
        skip = sorted(set(other_than))
        where = f" AND coalesce(d.language, 'en') NOT IN ({', '.join('?' for _ in skip)})" if skip else ""
        cols = self.con.execute(
            "SELECT f.id, coalesce(d.language, 'en') AS language, f.lede FROM features f JOIN documents d "
            f"USING (id) WHERE octet_length(f.lede) > 0{where} ORDER BY f.id",
            skip,
        ).fetchnumpy()
        if not len(cols["id"]):
            return [], [], np.zeros((0, 0), dtype=np.float32)
        return cols["id"].tolist(), cols["language"].tolist(), _matrix(cols["lede"])

    def without_lede(self) -> list[str]:
        """Documents whose lede vector is not computed yet (English ones, until another language came)."""
        rows = self.con.execute(
            "SELECT id FROM features WHERE lede IS NULL OR octet_length(lede) = 0 ORDER BY id"
        ).fetchall()
        return [r[0] for r in rows]

    def set_ledes(self, ids: Sequence[str], vecs: np.ndarray) -> None:
        rows = {"id": _obj(list(ids)), "lede": _obj([v.astype(np.float32).tobytes() for v in vecs])}
        with self._transaction(), self._table("l", rows):
            self.con.execute("UPDATE features SET lede = l.lede FROM l WHERE features.id = l.id")

    def documents(self, ids: Iterable[str]) -> list[CorpusDoc]:
        """Several stored documents at once, in id order."""
        with self._table("q", {"id": _obj(sorted(set(ids)))}):
            rows = self.con.execute(
                "SELECT id, source, format, text, hints, title, date, url FROM documents "
                "WHERE id IN (SELECT id FROM q) ORDER BY id"
            ).fetchall()
        return [_corpus_doc(*r) for r in rows]

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        with self._table("q", {"id": _obj(sorted(set(ids)))}):
            rows = self.con.execute(
                "SELECT d.id, d.content_hash FROM documents d JOIN q USING (id)"
            ).fetchall()
        return dict(rows)

    def _rows(self, sql: str, ids: Iterable[str] | None) -> list[tuple]:
        """``sql``'s rows (its first column the id), all of them or those of ``ids`` only: a query about a
        few documents must not read a million."""
        if ids is None:
            return self.con.execute(sql).fetchall()
        where = " AND " if " WHERE " in sql else " WHERE "
        with self._table("q", {"id": _obj(sorted(set(ids)))}):
            return self.con.execute(sql + where + "id IN (SELECT id FROM q)").fetchall()

    def _has(self, table: str, column: str) -> bool:
        rows = self.con.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
            [table, column],
        ).fetchall()
        return bool(rows)

    def titles(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None, int]]:
        """(title, date, sentences) of every document, or of ``ids`` only."""
        rows = self._rows("SELECT id, title, date, n_sentences FROM documents", ids)
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    # -- Parquet, for the distributed path -------------------------------------------------------------

    def export_parquet(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for t in TABLES:
            self.con.execute(f"COPY {t} TO '{_sql_path(folder / (t + '.parquet'))}' (FORMAT PARQUET)")

    def import_parquet(self, folder: str | Path) -> None:
        """Replace the store's rows by a distributed run's output (tables missing there stay empty)."""
        folder = Path(folder)
        self.drop_band_index()
        with self._transaction():
            for t in TABLES:
                self.con.execute(f"DELETE FROM {t}")
                p = folder / f"{t}.parquet"
                if p.is_dir():  # Spark writes a folder of part files
                    p = p / "*.parquet"
                elif not p.exists():
                    continue
                self.con.execute(f"INSERT INTO {t} SELECT * FROM read_parquet('{_sql_path(p)}')")
        self.index_bands()


def _matrix(blobs: np.ndarray) -> np.ndarray:
    """float32 vectors stored one BLOB per row, as one [rows, dim] matrix: one buffer for all (a frombuffer
    and a stack per row cost more than the query)."""
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)


def rows_of(docs: Sequence[CorpusDoc], feats: Sequence[Features], start_seq: int = 0) -> tuple[dict, ...]:
    """The columns of the documents, features, bands and sentence_keys tables for a batch.

    Shared by the DuckDB store and the Spark executor, so the Parquet a cluster writes is what
    ``import_parquet`` reads.
    """
    docs_rows = {
        "id": _obj([x.id for x in docs]),
        "seq": np.arange(start_seq + 1, start_seq + 1 + len(docs), dtype=np.int64),
        "source": _obj([x.doc.source for x in docs]),
        "format": _obj([x.doc.format for x in docs]),
        "text": _obj([x.doc.text for x in docs]),
        "hints": _obj([json.dumps([[h.start, h.end, h.role] for h in x.doc.hints]) for x in docs]),
        "title": _obj([x.title for x in docs]),
        "date": _obj([x.date for x in docs]),
        "url": _obj([x.url for x in docs]),
        "content_hash": _obj([f.content_hash for f in feats]),
        "n_sentences": np.array([len(f.sentence_keys) for f in feats], dtype=np.int32),
        "linked": np.zeros(len(docs), dtype=bool),
        "furniture": np.array([f.marks.furniture for f in feats], dtype=np.int32),
        "correction": np.array([f.marks.correction for f in feats], dtype=bool),
        "headline": np.array([f.marks.headline for f in feats], dtype=bool),
        "language": _obj([f.language for f in feats]),
    }
    feat_rows = {
        "id": _obj([x.id for x in feats]),
        "minhash": _obj([x.minhash.tobytes() for x in feats]),
        "vector": _obj([x.vector.astype(np.float32).tobytes() for x in feats]),
        "sentences": _obj([x.sentences.tobytes() for x in feats]),
        "sentence_keys": _obj([x.sentence_keys.tobytes() for x in feats]),
        "words": _obj([x.words.tobytes() for x in feats]),
        "word_counts": _obj([x.word_counts.tobytes() for x in feats]),
        "names": _obj([x.names.astype(np.uint32).tobytes() for x in feats]),
        "lede": _obj([x.lede.astype(np.float32).tobytes() for x in feats]),
    }
    nb = len(feats[0].band_keys) if feats else 0
    band_rows = {
        "id": _obj([x.id for x in feats for _ in range(nb)]),
        "band": np.tile(np.arange(nb, dtype=np.uint16), len(feats)),
        "key": np.concatenate([x.band_keys for x in feats] + [np.zeros(0, np.uint64)]).astype(np.uint64),
    }
    key_rows = {
        "id": _obj([x.id for x in feats for _ in x.sentence_keys]),
        "content_hash": _obj([x.content_hash for x in feats for _ in x.sentence_keys]),
        "key": np.concatenate([x.sentence_keys for x in feats] + [np.zeros(0, np.uint64)]),
    }
    return docs_rows, feat_rows, band_rows, key_rows


def features_of(
    fid: str,
    chash: str,
    mh: bytes,
    vec: bytes,
    sents: bytes,
    skeys: bytes,
    words: bytes,
    counts: bytes,
    names: bytes | None = None,
):
    """A ``Features`` record back from its stored columns."""
    v = np.frombuffer(vec, dtype=np.float32)
    return Features(
        id=fid,
        content_hash=chash,
        minhash=np.frombuffer(mh, dtype=np.uint32),
        band_keys=np.zeros(0, dtype=np.uint64),
        vector=v,
        sentences=np.frombuffer(sents, dtype=np.int8).reshape(-1, len(v)),
        sentence_keys=np.frombuffer(skeys, dtype=np.uint64),
        words=np.frombuffer(words, dtype=np.uint32),
        word_counts=np.frombuffer(counts, dtype=np.uint32),
        names=np.frombuffer(names or b"", dtype=np.uint32),
    )


def stories_of(store: Store) -> list[Story]:
    """Every story with two or more versions, largest first."""
    from .steps import story

    assignment = store.assignment()
    groups: dict[str, list[str]] = {}
    for doc, sid in assignment.items():
        groups.setdefault(sid, []).append(doc)
    multi = {sid: m for sid, m in groups.items() if len(m) > 1}
    if not multi:
        return []
    by_story: dict[str, list[Edge]] = {}
    for e in store.edges():
        by_story.setdefault(assignment.get(e.a, ""), []).append(e)
    dates, marks, languages = store.dates(), store.marks(), store.languages()
    out = [story(m, by_story.get(sid, []), dates, marks, languages) for sid, m in multi.items()]
    return sorted(out, key=lambda s: (-len(s.members), s.id))


def _corpus_doc(did, source, fmt, txt, hints, title, date, url) -> CorpusDoc:
    doc = Document(source, txt, fmt, tuple(Span(s, e, r) for s, e, r in json.loads(hints)))
    return CorpusDoc(did, doc, date, url, title)


def _obj(values: list) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")
