"""Versions across languages: translations written for these tests, indexed among English documents."""

from __future__ import annotations

from storydiff import corpus
from storydiff.corpus.across import verify_across
from storydiff.ingest.collection import record_doc

from .generate import TRANSLATED, many_documents, translations


def build(tmp_path, with_translations: bool = True):
    many_documents(tmp_path / "more", 40)
    src = tmp_path / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        fh.write((tmp_path / "more" / "many.jsonl").read_text(encoding="utf-8"))
        if with_translations:
            translations(tmp_path / "tr")
            fh.write((tmp_path / "tr" / "translations.jsonl").read_text(encoding="utf-8"))
    db = tmp_path / "news.duckdb"
    report = corpus.index([str(src)], db, workers=1)
    return db, report


def test_a_translation_is_a_version_of_its_story(tmp_path):
    db, report = build(tmp_path)
    assert report.candidates["translation"] > 0
    with corpus.Store(db, read_only=True) as store:
        assignment, languages = store.assignment(), store.languages()
    for name, versions in TRANSLATED.items():
        stories = {assignment[f"{name}-{lang}"] for lang in versions}
        assert len(stories) == 1, (name, stories)
        assert {languages[f"{name}-{lang}"] for lang in versions} == set(versions)
    # three reports, three stories: no translation joins another report or a generated document
    members = {assignment[f"{n}-en"]: set() for n in TRANSLATED}
    for doc, sid in assignment.items():
        if sid in members:
            members[sid].add(doc)
    for name, versions in TRANSLATED.items():
        assert members[assignment[f"{name}-en"]] == {f"{name}-{lang}" for lang in versions}
    (bridge,) = [s for s in corpus.stories(db) if "bridge-en" in s.members]
    assert sorted(bridge.languages) == ["de", "en", "fr"]
    report = corpus.story(db, "storm-ru", explain=False)
    assert report.languages == {"storm-de": "de", "storm-en": "en", "storm-ru": "ru"}


def test_find_returns_the_source_of_a_translation(tmp_path):
    db, _ = build(tmp_path)
    lines = TRANSLATED["museum"]["fr"]
    query = record_doc("q", lines[0] + "\n\n" + "\n\n".join(lines[1:]), None, None, None, "query")
    found = corpus.find(query, db, explain=False)
    assert {m.id for m in found[:2]} == {"museum-en", "museum-fr"}
    assert {m.language for m in found if m.id.startswith("museum")} == {"en", "fr"}


def test_an_english_corpus_pays_nothing_for_other_languages(tmp_path):
    db, report = build(tmp_path, with_translations=False)
    assert report.candidates["translation"] == 0
    with corpus.Store(db, read_only=True) as store:
        assert store.ledes()[0] == []
        assert set(store.languages().values()) <= {"en", "und"}


def test_two_reports_in_two_languages_are_not_versions():
    import numpy as np

    from storydiff.corpus.steps import CorpusConfig
    from storydiff.embed import multilingual_encoder

    enc = multilingual_encoder()
    bridge = enc.encode(TRANSLATED["bridge"]["fr"][1:])
    storm = enc.encode(TRANSLATED["storm"]["de"][1:])
    museum = enc.encode(TRANSLATED["museum"]["en"][1:])
    config = CorpusConfig()
    assert verify_across("a", "b", bridge, enc.encode(TRANSLATED["bridge"]["en"][1:]), config) is not None
    assert verify_across("a", "b", bridge, storm, config) is None
    assert verify_across("a", "b", storm, museum, config) is None
    assert verify_across("a", "b", np.zeros((0, 512), np.float32), museum, config) is None


def test_a_translation_follows_its_source_in_order():
    from storydiff.corpus.steps import CorpusConfig
    from storydiff.embed import multilingual_encoder

    enc = multilingual_encoder()
    fr = enc.encode(TRANSLATED["bridge"]["fr"][1:])
    en = TRANSLATED["bridge"]["en"][1:]
    config = CorpusConfig()
    moved = en[1:] + en[:1]  # one paragraph moved to the end: still a translation
    assert verify_across("a", "b", fr, enc.encode(moved), config) is not None
    scrambled = [en[4], en[2], en[0], en[3], en[1]]  # the same sense in no shared order: two reports
    assert verify_across("a", "b", fr, enc.encode(scrambled), config) is None


def test_languages_the_encoder_does_not_cover_are_not_linked_across():
    import numpy as np

    from storydiff.corpus.across import translation_triples
    from storydiff.corpus.steps import CorpusConfig

    v = np.ones((3, 4), np.float32) / 2.0
    ids, langs = ["en1", "fr1", "is1"], ["en", "fr", "is"]
    found = translation_triples(ids, langs, v, ids, langs, v, CorpusConfig())
    pairs = {(q, o) for q, o, _ in found}
    assert ("en1", "fr1") in pairs and ("fr1", "en1") in pairs
    assert not {p for p in pairs if "is1" in p}
