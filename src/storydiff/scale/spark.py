"""The corpus pipeline on Apache Spark: the same step functions, run over partitions.

    spark-submit -m storydiff.scale.spark --input docs.jsonl --output out/      (or python -m ...)
    storydiff index docs.jsonl --db news.duckdb --engine spark                  (local[N], then imported)

Steps map onto Spark as: featurise -> mapInPandas over documents (the static encoder is loaded once per
executor process); band candidates -> explode + groupBy(band, key) + ``bucket_pairs``; corpus statistics
(boilerplate sentences, idf) -> two aggregations, broadcast; embedding candidates -> k-means cells trained on
the driver from a sample (``train_cells``, exact search below ``exact_neighbours`` documents), documents
placed in cells (``assign_cells``), ``neighbour_triples`` per cell, the best per document by a window;
verify -> neighbour pairs inside their cell (features grouped by cell, cogrouped with the pairs), the few
other LSH pairs by joining features on both sides; stories -> connected components by large-star /
small-star iterations, never collecting edges to the driver. The output Parquet has the DuckDB store's
tables and columns, so ``Store.import_parquet`` loads it and ``find``, ``stories`` and ``story`` work on it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

from storydiff.corpus.steps import (
    CorpusConfig,
    CorpusStats,
    assign_cells,
    bucket_pairs,
    cell_count,
    featurise,
    neighbour_triples,
    sample_rank,
    train_cells,
    verify,
)
from storydiff.errors import InputError, StorydiffError

_encoder = None  # one per executor process
EDGE_COLUMNS = ["a", "b", "coverage_a", "coverage_b", "similarity", "only_a", "only_b"]  # records.Edge
_FEATURE_COLS = [
    "content_hash",
    "minhash",
    "vector",
    "sentences",
    "sentence_keys",
    "words",
    "word_counts",
    "names",
]
"""The columns ``features_of`` takes after the id, in its order."""


def session(master: str = "local[2]", app: str = "storydiff"):
    """A SparkSession with what this machine needs set by the project, not by hand.

    ``STORYDIFF_SPARK_MEMORY`` sets the driver's memory (in local mode, the executors' too; Spark's 1g
    default spills a million-document run to disk); it only takes effect when this call starts the JVM.
    """
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # an unresolvable hostname fails start-up
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need this venv's pyarrow and numpy
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StorydiffError("the Spark engine needs: pip install 'storydiff[spark]'") from exc
    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", os.environ.get("STORYDIFF_SPARK_MEMORY", "2g"))
        .getOrCreate()
    )


# -- partition functions (run on executors) ---------------------------------------------------------------


def _foreign_partition(batches: Iterator) -> Iterator:
    """Whether any document of the partition is in another language than English (``across.foreign``)."""
    import pandas as pd

    from storydiff.corpus.across import foreign
    from storydiff.corpus.steps import document_language
    from storydiff.ingest.collection import record_doc

    def language_of(r) -> str:
        try:  # the text featurise reads (an HTML body is read as its text), so both agree
            return document_language(record_doc(r.id, r.text, r.title, r.date, r.url, r.id).doc.text)
        except StorydiffError:
            return "und"

    for df in batches:
        yield pd.DataFrame({"foreign": [any(foreign(language_of(r)) for r in df.itertuples(index=False))]})


def _featurise_partition(config_json: str, all_ledes: bool = False):
    """``all_ledes``: English documents get their lede vectors too (the corpus holds another language)."""

    def run(batches: Iterator) -> Iterator:
        import pandas as pd

        from storydiff.corpus.across import lede_vectors
        from storydiff.corpus.steps import content_sentences
        from storydiff.corpus.store import rows_of
        from storydiff.embed import StaticMiniLM, multilingual_encoder
        from storydiff.ingest.collection import record_doc

        global _encoder
        if _encoder is None:
            _encoder = StaticMiniLM()
        config = CorpusConfig(**json.loads(config_json))
        for df in batches:
            docs = []
            for r in df.itertuples(index=False):
                try:
                    docs.append(record_doc(r.id, r.text, r.title, r.date, r.url, r.id))
                except StorydiffError:
                    continue
            if not docs:
                continue
            feats = featurise(docs, config, _encoder)
            if all_ledes:
                bare = [i for i, x in enumerate(feats) if not len(x.lede)]
                if bare:
                    sentences = [content_sentences(docs[i]) for i in bare]
                    vecs = lede_vectors(sentences, config, multilingual_encoder())
                    for i, v in zip(bare, vecs):
                        feats[i] = replace(feats[i], lede=v)
            d, f, b, k = rows_of(docs, feats)
            out = pd.DataFrame(d).merge(pd.DataFrame(f), on="id")
            out["band_keys"] = [x.band_keys.astype("int64").tolist() for x in feats]
            yield out

    return run


def _cells_partition(centroids_b, config_json: str):
    """Each document, once per cell it is placed in (``assign_cells``), with its vector."""

    def run(batches: Iterator) -> Iterator:
        import numpy as np
        import pandas as pd

        config = CorpusConfig(**json.loads(config_json))
        for df in batches:
            if not len(df):
                continue
            vecs = np.stack([np.frombuffer(v, dtype=np.float32) for v in df["vector"]])
            cells = assign_cells(vecs, centroids_b.value, config.cell_probes)
            p = cells.shape[1]
            yield pd.DataFrame(
                {
                    "cell": cells.ravel().astype("int32"),
                    "id": np.repeat(df["id"].to_numpy(), p),
                    "vector": np.repeat(df["vector"].to_numpy(), p),
                }
            )

    return run


def _cell_neighbours(config_json: str):
    """One cell: every member's nearest members (``neighbour_triples``), to be merged across cells."""

    def run(df):
        import numpy as np
        import pandas as pd

        config = CorpusConfig(**json.loads(config_json))
        df = df.sort_values("id", kind="stable")
        ids = df["id"].tolist()
        vecs = np.stack([np.frombuffer(v, dtype=np.float32) for v in df["vector"]])
        rows = neighbour_triples(ids, vecs, ids, vecs, config)
        out = pd.DataFrame(rows, columns=["a", "b", "cos"])
        out.insert(0, "cell", int(df["cell"].iloc[0]))
        return out

    return run


def _verify_cell(stats_b, config_json: str):
    """One cell's candidate pairs verified against the features of the cell's members (no pair join)."""

    def run(feats, pairs):
        import pandas as pd

        from storydiff.corpus.store import features_of

        config = CorpusConfig(**json.loads(config_json))
        stats: CorpusStats = stats_b.value
        by_id = {
            r["id"]: features_of(r["id"], *(r[c] for c in _FEATURE_COLS)) for r in feats.to_dict("records")
        }
        out = []
        for a, b in zip(pairs["a"], pairs["b"]):
            e = verify(by_id[a], by_id[b], stats, config)
            if e is not None:
                out.append(asdict(e))
        return pd.DataFrame(out, columns=EDGE_COLUMNS)

    return run


def _verify_partition(stats_b, config_json: str):
    def run(batches: Iterator) -> Iterator:
        import pandas as pd

        from storydiff.corpus.store import features_of

        config = CorpusConfig(**json.loads(config_json))
        stats: CorpusStats = stats_b.value
        for df in batches:
            out = []
            for r in df.to_dict("records"):
                fa = features_of(r["a"], *(r[f"a_{c}"] for c in _FEATURE_COLS))
                fb = features_of(r["b"], *(r[f"b_{c}"] for c in _FEATURE_COLS))
                e = verify(fa, fb, stats, config)
                if e is not None:
                    out.append(asdict(e))
            yield pd.DataFrame(out, columns=EDGE_COLUMNS)

    return run


# -- the job ------------------------------------------------------------------------------------------------


def read_input(
    spark, paths: list[str], id_field: str, text_fields: tuple[str, ...], title: str, date: str, url: str
):
    """JSONL or Parquet from any Hadoop-compatible path, as (id, text, title, date, url) strings."""
    from pyspark.sql import functions as F

    frames = []
    for p in paths:
        parquet = p.rstrip("/").endswith(".parquet") or (Path(p).is_dir() and any(Path(p).glob("*.parquet")))
        df = spark.read.parquet(p) if parquet else spark.read.json(p)  # a folder of JSONL reads as JSON
        cols = set(df.columns)
        texts = [F.col(c).cast("string") for c in text_fields if c in cols]
        if not texts or id_field not in cols:
            raise InputError(f"{p}: needs the fields {id_field!r} and one of {', '.join(text_fields)}")

        def opt(name: str, cols: set[str] = cols):
            return F.col(name).cast("string") if name in cols else F.lit(None).cast("string")

        frames.append(
            df.select(
                F.col(id_field).cast("string").alias("id"),
                F.coalesce(*texts).alias("text"),
                opt(title).alias("title"),
                opt(date).alias("date"),
                opt(url).alias("url"),
            )
        )
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out.where(F.col("text").isNotNull() & (F.length(F.trim("text")) > 0)).dropDuplicates(["id"])


def connected_components(edges, max_iterations: int = 60):
    """Large-star / small-star (Kiveris et al., SoCC 2014) on a DataFrame of (a, b) edges.

    Each round only groups and joins edge lists; nothing is collected. At convergence every component is a
    star around its smallest id, which becomes the label, as in the local ``components``.
    """
    from pyspark.sql import functions as F

    def norm(df):
        return (
            df.select(F.least("u", "v").alias("u"), F.greatest("u", "v").alias("v"))
            .where("u != v")
            .distinct()
        )

    def large_star(e):
        both = e.unionByName(e.select(F.col("v").alias("u"), F.col("u").alias("v")))
        m = both.groupBy("u").agg(F.least(F.min("v"), F.first("u")).alias("m"))
        return norm(
            both.join(m, "u")
            .where(F.col("v") > F.col("u"))
            .select(F.col("v").alias("u"), F.col("m").alias("v"))
        )

    def small_star(e):
        down = e.select(
            F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v")
        )  # v: a smaller neighbour
        m = down.groupBy("u").agg(F.min("v").alias("m"))
        out = down.join(m, "u").select(F.col("v").alias("u"), F.col("m").alias("v"))
        return norm(out.unionByName(m.select("u", F.col("m").alias("v"))))

    e = norm(edges.select(F.col("a").alias("u"), F.col("b").alias("v"))).localCheckpoint()
    for _ in range(max_iterations):
        nxt = small_star(large_star(e)).localCheckpoint()
        same = nxt.exceptAll(e).limit(1).count() == 0 and e.exceptAll(nxt).limit(1).count() == 0
        e = nxt
        if same:
            break
    down = e.select(F.greatest("u", "v").alias("id"), F.least("u", "v").alias("root"))
    return down.groupBy("id").agg(F.min("root").alias("story"))


def run(spark, paths: list[str], output: str, config: CorpusConfig | None = None, **fields) -> dict:
    """The whole pipeline; writes the store's tables as Parquet under ``output``."""
    import numpy as np
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    from pyspark.sql.window import Window

    config = config or CorpusConfig()
    cj = json.dumps(asdict(config))
    docs = read_input(
        spark,
        paths,
        fields.get("id_field", "id"),
        tuple(fields.get("text_fields", ("text", "body", "content"))),
        fields.get("title_field", "title"),
        fields.get("date_field", "date"),
        fields.get("url_field", "url"),
    )
    feat_schema = T.StructType(
        [
            T.StructField(n, t)
            for n, t in [
                ("id", T.StringType()),
                ("seq", T.LongType()),
                ("source", T.StringType()),
                ("format", T.StringType()),
                ("text", T.StringType()),
                ("hints", T.StringType()),
                ("title", T.StringType()),
                ("date", T.StringType()),
                ("url", T.StringType()),
                ("content_hash", T.StringType()),
                ("n_sentences", T.IntegerType()),
                ("linked", T.BooleanType()),
                ("furniture", T.IntegerType()),
                ("correction", T.BooleanType()),
                ("headline", T.BooleanType()),
                ("language", T.StringType()),
                ("minhash", T.BinaryType()),
                ("vector", T.BinaryType()),
                ("sentences", T.BinaryType()),
                ("sentence_keys", T.BinaryType()),
                ("words", T.BinaryType()),
                ("word_counts", T.BinaryType()),
                ("names", T.BinaryType()),
                ("lede", T.BinaryType()),
                ("band_keys", T.ArrayType(T.LongType())),
            ]
        ]
    )
    # a corpus that holds another language than English gives every document a lede vector (corpus/across.py)
    flags = docs.mapInPandas(_foreign_partition, "foreign boolean")
    mixed = flags.where("foreign").count() > 0
    feats = docs.mapInPandas(_featurise_partition(cj, mixed), feat_schema).localCheckpoint()
    out = output.rstrip("/")
    feats = feats.withColumn("seq", F.monotonically_increasing_id())
    doc_cols = [
        "id",
        "seq",
        "source",
        "format",
        "text",
        "hints",
        "title",
        "date",
        "url",
        "content_hash",
        "n_sentences",
    ]
    marks = ["furniture", "correction", "headline", "language"]
    feats.select(*doc_cols, F.lit(True).alias("linked"), *marks).write.mode("overwrite").parquet(
        f"{out}/documents.parquet"
    )
    fcols = ["id", "minhash", "vector", "sentences", "sentence_keys", "words", "word_counts", "names", "lede"]
    feats.select(*fcols).write.mode("overwrite").parquet(f"{out}/features.parquet")

    # bands -> candidates
    bands = feats.select("id", F.posexplode("band_keys").alias("band", "key"))
    bands.write.mode("overwrite").parquet(f"{out}/bands.parquet")
    max_bucket = config.max_bucket
    buckets = bands.groupBy("band", "key").agg(F.collect_list("id").alias("ids"))
    buckets = buckets.where((F.size("ids") > 1) & (F.size("ids") <= max_bucket))
    lsh = buckets.rdd.flatMap(lambda r: [(c.a, c.b) for c in bucket_pairs(r.ids, config)]).toDF(["a", "b"])

    # corpus statistics: boilerplate sentences and idf, the same definitions as Store.stats()
    u64 = F.udf(_u63_list, T.ArrayType(T.LongType()))
    keys = feats.select("id", "content_hash", F.explode(u64("sentence_keys")).alias("key")).localCheckpoint()
    keys.write.mode("overwrite").parquet(f"{out}/sentence_keys.parquet")
    common = [
        int(r.key)
        for r in keys.groupBy("key")
        .agg(F.countDistinct("content_hash").alias("n"))
        .where(F.col("n") > config.common_df)
        .collect()
    ]
    words = feats.select(F.explode(F.udf(_u32_set, T.ArrayType(T.LongType()))("words")).alias("w"))
    df_rows = words.groupBy("w").count().collect()
    n = feats.count()
    idf = {int(r.w): float(np.log((n + 1) / r["count"])) for r in df_rows}
    stats = CorpusStats(frozenset(common), idf, float(np.log(n + 1)))
    stats_b = spark.sparkContext.broadcast(stats)
    # kept for ``find``, as the local engine's ``Store.save_stats`` keeps them
    spark.createDataFrame([(int(w), float(v)) for w, v in idf.items()], "word long, idf double").write.mode(
        "overwrite"
    ).parquet(f"{out}/word_idf.parquet")
    spark.createDataFrame([(int(k),) for k in sorted(common)], "key long").write.mode("overwrite").parquet(
        f"{out}/common_keys.parquet"
    )

    # embedding neighbours, cell by cell: k-means cells trained on the driver from a sample (the same
    # sample and steps as the local engine), each document placed in its nearest cells
    cells = cell_count(n, config)
    centroids = np.zeros((0, 0), dtype=np.float32)
    if cells:
        rank = F.udf(lambda d: sample_rank(d), T.LongType())  # a lambda: pyspark reads hints as pandas UDFs
        sample = (
            feats.select("id", "vector", rank("id").alias("r"))
            .orderBy("r", "id")
            .limit(cells * config.cell_sample)
            .collect()
        )
        vecs = np.stack([np.frombuffer(r.vector, dtype=np.float32) for r in sample])
        centroids = train_cells(vecs, cells, config)
    spark.createDataFrame(
        [(i, bytearray(c.tobytes())) for i, c in enumerate(centroids)], "cell int, centroid binary"
    ).write.mode("overwrite").parquet(f"{out}/cells.parquet")
    centroids_b = spark.sparkContext.broadcast(centroids)
    placed = (
        feats.select("id", "vector")
        .mapInPandas(_cells_partition(centroids_b, cj), "cell int, id string, vector binary")
        .localCheckpoint()
    )
    if cells:
        placed.select("id", "cell").write.mode("overwrite").parquet(f"{out}/doc_cells.parquet")
    triples = placed.groupBy("cell").applyInPandas(
        _cell_neighbours(cj), "cell int, a string, b string, cos float"
    )
    best = triples.groupBy("a", "b").agg(F.max("cos").alias("cos"), F.min("cell").alias("cell"))
    rank_w = Window.partitionBy("a").orderBy(F.desc("cos"), F.asc("b"))
    top = best.withColumn("k", F.row_number().over(rank_w)).where(F.col("k") <= config.neighbours)
    near = (
        top.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b"), "cell")
        .groupBy("a", "b")
        .agg(F.min("cell").alias("cell"))
        .localCheckpoint()
    )

    # verify: neighbour pairs inside their cell (each cell's members' features, grouped once); LSH pairs
    # that are not also neighbours by joining features on both sides (they are few)
    fsel = feats.select("id", *_FEATURE_COLS)
    # "cell + 0": a new column, or Spark calls the cogroup below an ambiguous self-join of ``near``
    needed = near.select((F.col("cell") + 0).alias("cell"), F.explode(F.array("a", "b")).alias("id"))
    cell_feats = needed.distinct().join(fsel, "id")
    edge_schema = (
        "a string, b string, coverage_a double, coverage_b double, similarity double, only_a int, only_b int"
    )
    near_edges = (
        cell_feats.groupBy("cell")
        .cogroup(near.groupBy("cell"))
        .applyInPandas(_verify_cell(stats_b, cj), edge_schema)
    )
    lsh_only = lsh.distinct().join(near.select("a", "b"), ["a", "b"], "left_anti")
    fa = fsel.select([F.col(c).alias(c if c == "id" else f"a_{c}") for c in fsel.columns]).withColumnRenamed(
        "id", "a"
    )
    fb = fsel.select([F.col(c).alias(c if c == "id" else f"b_{c}") for c in fsel.columns]).withColumnRenamed(
        "id", "b"
    )
    joined = lsh_only.join(fa, "a").join(fb, "b")
    lsh_edges = joined.mapInPandas(_verify_partition(stats_b, cj), edge_schema)
    edges = near_edges.unionByName(lsh_edges)
    if mixed:
        # versions across languages, on the driver with the local engine's function: the documents in other
        # languages and their candidates are few; an edge found both ways is the translation edge (as the
        # local engine commits it first)
        across = _across_edges(spark, feats, config)
        edges = edges.join(across.select("a", "b"), ["a", "b"], "left_anti").unionByName(across)
    edges = edges.localCheckpoint()
    edges.write.mode("overwrite").parquet(f"{out}/edges.parquet")

    labels = connected_components(edges.select("a", "b"))
    stories = (
        feats.select("id").join(labels, "id", "left").select("id", F.coalesce("story", "id").alias("story"))
    )
    stories.write.mode("overwrite").parquet(f"{out}/stories.parquet")
    return {"documents": n, "edges": edges.count(), "config": asdict(config)}


def _across_edges(spark, feats, config: CorpusConfig):
    """``across.link_across`` over the collected lede vectors; documents fetched by id for verification."""
    import numpy as np
    from pyspark.sql import functions as F

    from storydiff.corpus.across import link_across
    from storydiff.corpus.store import _corpus_doc
    from storydiff.embed import multilingual_encoder

    rows = sorted(
        feats.where(F.length("lede") > 0).select("id", "language", "lede").collect(), key=lambda r: r.id
    )
    ids = [r.id for r in rows]
    langs = [r.language for r in rows]
    ledes = np.stack([np.frombuffer(r.lede, dtype=np.float32) for r in rows]) if rows else np.zeros((0, 0))
    cols = ["id", "source", "format", "text", "hints", "title", "date", "url"]

    def documents(wanted: list[str]):
        found = feats.where(F.col("id").isin(wanted)).select(*cols).collect()
        return sorted((_corpus_doc(*[r[c] for c in cols]) for r in found), key=lambda d: d.id)

    _, edges = link_across(ids, langs, ledes, documents, multilingual_encoder(), config)
    schema = (
        "a string, b string, coverage_a double, coverage_b double, similarity double, only_a int, only_b int"
    )
    rows = [(e.a, e.b, e.coverage_a, e.coverage_b, e.similarity, e.only_a, e.only_b) for e in edges]
    return spark.createDataFrame(rows, schema)


def _u63_list(b):  # no type hints: pyspark reads them as a pandas-UDF declaration
    """Sentence keys are 63-bit (see ``steps.KEY_MASK``), so Spark's signed longs hold them exactly."""
    import numpy as np

    return np.frombuffer(b, dtype=np.uint64).astype(np.int64).tolist()


def _u32_set(b):  # no type hints, as above
    import numpy as np

    return sorted(set(np.frombuffer(b, dtype=np.uint32).tolist()))


def index_with_spark(paths, db, fields, *, master: str = "local[2]", keep: str | None = None) -> dict:
    """Run the Spark job, then load its Parquet into the DuckDB store at ``db`` (replacing its rows)."""
    import tempfile

    from storydiff.corpus.store import Store

    with Store(db) as store:
        config = store.config
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or tmp
        spark = session(master)
        try:
            summary = run(
                spark,
                [str(p) for p in paths],
                out,
                config,
                id_field=fields.id,
                text_fields=fields.text,
                title_field=fields.title,
                date_field=fields.date,
                url_field=fields.url,
            )
        finally:
            spark.stop()
        with Store(db) as store:
            store.import_parquet(out)
            summary["stories"] = sum(1 for s in _sizes(store.assignment()).values() if s > 1)
    return summary


def _sizes(assignment: dict[str, str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for s in assignment.values():
        sizes[s] = sizes.get(s, 0) + 1
    return sizes


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m storydiff.scale.spark", description=__doc__.splitlines()[0])
    p.add_argument(
        "--input", nargs="+", required=True, help="JSONL or Parquet paths (any Hadoop-compatible URI)"
    )
    p.add_argument("--output", required=True, help="folder for the Parquet tables")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[2])")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text,body,content")
    p.add_argument("--title-field", default="title")
    p.add_argument("--date-field", default="date")
    p.add_argument("--url-field", default="url")
    args = p.parse_args(argv)
    spark = session(args.master or os.environ.get("SPARK_MASTER", "local[2]"))
    try:
        report = run(
            spark,
            args.input,
            args.output,
            id_field=args.id_field,
            text_fields=tuple(x for x in args.text_field.split(",") if x),
            title_field=args.title_field,
            date_field=args.date_field,
            url_field=args.url_field,
        )
    finally:
        spark.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
