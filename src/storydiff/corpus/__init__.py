"""Corpus: index a collection, find the versions of a document, list stories, explain one story.

index(paths, db)          -> IndexReport     (local executor over the steps in steps.py)
find(doc, db)             -> [Match]         the versions of this document in the store, ranked
stories(db)               -> [Story]         clusters with two or more versions
story(db, story_id)       -> StoryReport     members, likely original, each compared with it
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from storydiff.embed import StaticMiniLM
from storydiff.errors import InputError
from storydiff.records import Comparison, CorpusDoc, Edge, Story

from .local import IndexReport, index
from .steps import CorpusConfig, featurise, neighbour_pairs, verify
from .steps import story as _story
from .store import Store, stories_of

__all__ = [
    "CorpusConfig",
    "IndexReport",
    "Match",
    "Store",
    "StoryReport",
    "find",
    "index",
    "stories",
    "story",
]


@dataclass(frozen=True)
class Match:
    id: str
    title: str | None
    date: str | None
    story: str | None
    coverage_query: float  # share of the query's sentences found in this version
    coverage_match: float  # share of this version's sentences found in the query
    similarity: float
    comparison: Comparison | None = None


@dataclass(frozen=True)
class StoryReport:
    story: Story
    titles: dict[str, str | None]
    dates: dict[str, str | None]
    comparisons: dict[str, Comparison]  # member id -> compare(original, member)


def find(doc: CorpusDoc, db: str | Path, *, top: int = 5, explain: bool = True) -> list[Match]:
    """The stored versions of ``doc``, best first; the ``top`` best are compared with it when ``explain``."""
    from storydiff.pipeline import compare

    with Store(db, read_only=True) as store:
        config = store.config
        (feat,) = featurise([doc], config, StaticMiniLM())
        ids, vecs = store.vectors()
        probe = "\x00query"  # sorts before any stored id, and is none of them
        found = set(store.sharing_bands(feat.band_keys))  # the query's LSH buckets ...
        if ids:  # ... and its embedding neighbours
            for c in neighbour_pairs([probe], feat.vector[None, :], ids, vecs, config):
                found.add(c.b if c.a == probe else c.a)
        feats = store.features(found)
        stats = store.stats()
        titles, assignment = store.titles(), store.assignment()
        query = replace(feat, id=probe)
        matches = []
        for other in sorted(found):
            e = verify(query, feats[other], stats, config)
            if e is None:
                continue
            cq, cm = (e.coverage_a, e.coverage_b) if e.a == probe else (e.coverage_b, e.coverage_a)
            title, date, _ = titles[other]
            matches.append(Match(other, title, date, assignment.get(other), cq, cm, e.similarity))
        matches.sort(key=lambda m: (-m.similarity, m.id))
        if explain:
            matches = [
                replace(m, comparison=compare(doc.doc, store.document(m.id).doc)) if i < top else m
                for i, m in enumerate(matches)
            ]
    return matches


def stories(db: str | Path) -> list[Story]:
    with Store(db, read_only=True) as store:
        return stories_of(store)


def story(db: str | Path, story_id: str, *, explain: bool = True) -> StoryReport:
    """One story: its members, the likely original, and every other member compared with the original."""
    from storydiff.pipeline import compare

    with Store(db, read_only=True) as store:
        assignment = store.assignment()
        sid = assignment.get(story_id)
        if sid is None:
            raise InputError(f"no story or document {story_id!r} in {db}")
        members = store.members(sid)
        edges: list[Edge] = [e for e in store.edges(members) if e.a in members and e.b in members]
        info = store.titles()
        dates = {m: info[m][1] for m in members}
        st = _story(members, edges, dates)
        comparisons: dict[str, Comparison] = {}
        if explain:
            original = store.document(st.original).doc
            for m in st.members:
                if m != st.original:
                    comparisons[m] = compare(original, store.document(m).doc)
        return StoryReport(st, {m: info[m][0] for m in members}, dates, comparisons)
