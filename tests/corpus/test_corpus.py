"""The corpus path end to end on a generated corpus: planted versions found, decoys kept apart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from storydiff import corpus
from storydiff.ingest import from_text
from storydiff.records import CorpusDoc

from .generate import make_corpus, many_documents


def doc_key(doc_id: str) -> str:
    return Path(doc_id).stem if doc_id.endswith(".txt") else doc_id


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    planted = make_corpus(root / "docs")
    db = root / "store.duckdb"
    report = corpus.index([str(root / "docs")], db, workers=1)
    return root, db, planted, report


def clusters(db) -> set[frozenset[str]]:
    with corpus.Store(db, read_only=True) as store:
        groups = defaultdict(set)
        for doc, story in store.assignment().items():
            groups[story].add(doc_key(doc))
    return {frozenset(g) for g in groups.values()}


def test_planted_versions_become_stories_and_decoys_stay_alone(indexed):
    _, db, planted, report = indexed
    found = clusters(db)
    for ids in planted.values():
        assert frozenset(ids) in found
    assert all(len(g) == 1 for g in found if any(x.startswith("decoy") for x in g))
    assert report.stories == len(planted)


def test_reindexing_adds_nothing(indexed):
    root, db, _, _ = indexed
    before = clusters(db)
    again = corpus.index([str(root / "docs")], db, workers=1)
    assert again.added == 0 and again.already_indexed == again.documents
    assert clusters(db) == before


def test_find_returns_the_versions_with_what_changed(indexed):
    root, db, planted, _ = indexed
    text = (root / "docs" / "s0-v0.txt").read_text(encoding="utf-8")
    query = "\n\n".join(text.split("\n\n")[::-1])  # every paragraph moved
    matches = corpus.find(CorpusDoc("query", from_text(query)), db, top=2)
    assert {doc_key(m.id) for m in matches} == planted["s0"]
    assert matches[0].comparison is not None
    assert all(m.similarity >= matches[-1].similarity for m in matches)
    with corpus.Store(db, read_only=True) as store:  # the story and title of each match, read for it alone
        stories, titles = store.assignment(), store.titles()
        assert store.assignment([m.id for m in matches]) == {m.id: stories[m.id] for m in matches}
        assert store.titles([matches[0].id]) == {matches[0].id: titles[matches[0].id]}
    assert all(m.story == stories[m.id] for m in matches)


def test_story_names_an_original_and_compares_each_version(indexed):
    _, db, planted, _ = indexed
    report = corpus.story(db, str(Path(next(iter(db.parent.glob("docs")))) / "s1-v0.txt"))
    assert {doc_key(m) for m in report.story.members} == planted["s1"]
    assert set(report.comparisons) == set(report.story.members) - {report.story.original}
    majors = [c for c in report.comparisons.values() if c.summary["major"]]
    assert majors  # the corrected copy's changes are found


def test_a_shared_boilerplate_paragraph_does_not_join_stories(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    footer = (
        "Follow our local news team for more updates from across the region every day. "
        "Send us your photos and stories through the newsroom website."
    )
    stories = [
        "The Saltmere ferry will stop running in May after the operator lost its licence.",
        "A new bakery has opened on Dunmoor high street, creating twelve jobs for young people.",
        "Garrow's football club has appointed a former goalkeeper as its first female manager.",
        "Storm damage closed the Whitsand coast road for three days and cut power to 400 homes.",
    ]
    for k, lead in enumerate(stories):
        (docs / f"x{k}.txt").write_text(f"{lead}\n\n{footer}", encoding="utf-8")
    # The footer is two of each document's three sentences. With common_df=2 it counts as boilerplate (it
    # is in four texts); with common_df=20 it is evidence, and the four stories merge: both are checked.
    # (min_evidence=0: in a corpus of four, idf cannot tell the footer apart; this checks the other rule.)
    strict = corpus.CorpusConfig(common_df=2, min_evidence=0)
    corpus.index([str(docs)], tmp_path / "strict.duckdb", config=strict, workers=1)
    assert all(len(g) == 1 for g in clusters(tmp_path / "strict.duckdb"))
    lax = corpus.CorpusConfig(common_df=20, min_evidence=0)
    corpus.index([str(docs)], tmp_path / "lax.duckdb", config=lax, workers=1)
    assert len(clusters(tmp_path / "lax.duckdb")) == 1


def test_missing_path_is_a_clear_error(tmp_path):
    from storydiff.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        corpus.index([str(tmp_path / "nope")], tmp_path / "s.duckdb")


def test_near_exact_copies_of_short_items_are_always_found(tmp_path):
    """Issue 16: copies that differ from their source by one word or phrase (some of them moving a sentence
    boundary) must all be grouped with their source, and ``find`` on a copy must return its source."""
    import random

    from .generate import short_items

    planted = short_items(tmp_path / "docs", n=1200, copies=150)
    db = tmp_path / "short.duckdb"
    corpus.index([str(tmp_path / "docs")], db, workers=1)
    with corpus.Store(db, read_only=True) as store:
        assignment = store.assignment()
        missed = [(x, y) for x, y in planted if assignment[x] != assignment[y]]
        sample = random.Random(3).sample(planted, 10)
        copies = {y: store.document(y) for _, y in sample}
    assert not missed
    for source, copy in sample:
        found = corpus.find(copies[copy], db, explain=False)
        assert source in {m.id for m in found}


def test_the_same_documents_in_any_order_and_batching_give_the_same_edges_and_stories(tmp_path):
    """Issue 16: one run, two halves, or any batching give identical edges and stories."""
    import random

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from .generate import short_items

    short_items(tmp_path / "docs", n=500, copies=80)
    make_corpus(tmp_path / "docs", stories=2, decoys=2)  # longer stories beside the short items
    rows = (tmp_path / "docs" / "short.jsonl").read_text(encoding="utf-8").splitlines()
    whole = tmp_path / "whole.duckdb"
    corpus.index([str(tmp_path / "docs")], whole, workers=1)

    def snapshot(db):
        with corpus.Store(db, read_only=True) as store:
            return store.edges(), sorted(store.assignment().items())

    expected = snapshot(whole)
    runs = iter(range(1000))

    @settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(seed=st.integers(0, 2**32 - 1), parts=st.integers(2, 4))
    def check(seed, parts):
        k = next(runs)
        rng = random.Random(seed)
        order = list(rows)
        rng.shuffle(order)
        cuts = sorted(rng.sample(range(1, len(order)), parts - 1))
        db = tmp_path / f"batched{k}.duckdb"
        others = [p for p in (tmp_path / "docs").iterdir() if p.name != "short.jsonl"]
        first = rng.randrange(parts)  # the folder's own files go in with one of the batches
        for i, (lo, hi) in enumerate(zip([0, *cuts], [*cuts, len(order)])):
            part = tmp_path / f"run{k}-part{i}.jsonl"
            part.write_text("\n".join(order[lo:hi]) + "\n", encoding="utf-8")
            corpus.index([str(part)] + ([str(p) for p in others] if i == first else []), db, workers=1)
        assert snapshot(db) == expected

    check()


def test_find_reads_the_saved_statistics_of_its_own_words(tmp_path):
    """``find`` reads the idf of the words it verifies with, saved by the link run, not every document."""
    many_documents(tmp_path / "more", 30)
    db = tmp_path / "s.duckdb"
    corpus.index([str(tmp_path / "more" / "many.jsonl")], db, workers=1)
    with corpus.Store(db, read_only=True) as store:
        full = store.stats()
        some = sorted(full.idf)[::7]
        part = store.stats_for(some)
    assert part.idf == {w: full.idf[w] for w in some}
    assert part.common == full.common and part.unseen_idf == full.unseen_idf


def test_a_copy_with_one_figure_changed_is_a_version_and_a_template_is_not():
    """Two short items that differ in one figure are versions (a correction); two reports from one template,
    every figure another, are not."""
    from storydiff.corpus.steps import CorpusStats, featurise, verify
    from storydiff.embed import static_encoder

    body = "Fees rose {} pct.\nThe Tarnholm port board expects {} mln crowns from its ferries this year."
    texts = {
        "a": body.format("12.5", "140.5"),
        "b": body.format("12.5", "1405.0"),
        "c": body.format("3.1", "96.2"),
    }
    config = corpus.CorpusConfig()
    docs = [CorpusDoc(k, from_text(v, k)) for k, v in texts.items()]
    feats = {f.id: f for f in featurise(docs, config, static_encoder())}
    stats = CorpusStats.build([], [f.words for f in feats.values()], 1000)  # as rare as in a large corpus
    assert verify(feats["a"], feats["b"], stats, config) is not None
    assert verify(feats["a"], feats["c"], stats, config) is None


def test_a_short_sentence_whose_figure_changed_is_paired_by_its_words():
    """The figure is most of the sentence, so its static cosine falls under the prefilter."""
    from storydiff.corpus.steps import CorpusStats, featurise, verify
    from storydiff.embed import static_encoder

    body = "Up {} pct in May.\nThe Tarnholm port board expects more ferries."
    docs = [CorpusDoc(k, from_text(body.format(v), k)) for k, v in (("a", "193.9"), ("b", "1939.0"))]
    config = corpus.CorpusConfig()
    a, b = featurise(docs, config, static_encoder())
    stats = CorpusStats.build([], [a.words, b.words], 1000)
    edge = verify(a, b, stats, config)
    assert edge is not None and edge.coverage_a == edge.coverage_b == 1.0


def test_the_band_index_finds_what_the_scan_finds(indexed, tmp_path):
    import shutil

    from storydiff.corpus.steps import featurise
    from storydiff.embed import static_encoder

    _, db, _, _ = indexed
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with corpus.Store(copy) as store:
        assert store._one("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'bands_key'")[0] == 1
        docs = store.documents(sorted(store.titles())[:5])
        feats = featurise(docs, store.config, static_encoder())
        with_index = [store.sharing_bands(f.band_keys) for f in feats]
        store.drop_band_index()
        scanned = [sorted(store.sharing_bands(f.band_keys)) for f in feats]
    assert with_index == scanned and all(with_index)
