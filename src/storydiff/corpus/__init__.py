"""Corpus: index a collection, find the versions of a document, list stories, explain one story.

index(paths, db)          -> IndexReport     (local executor over the steps in steps.py)
find(doc, db)             -> [Match]         the versions of this document in the store, ranked
stories(db)               -> [Story]         clusters with two or more versions
story(db, story_id)       -> StoryReport     members, the derivation tree, each compared with its parent
history(db, url)          -> History         one URL's captures in time order, each compared with the last
threads(db)               -> [Thread]        the stories of one developing event, grouped (a level above)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from storydiff.embed import static_encoder
from storydiff.errors import InputError
from storydiff.records import Comparison, CorpusDoc, Edge, Story

from .events import Event, ThreadConfig, group_events
from .local import IndexReport, index
from .steps import CorpusConfig, assign_cells, featurise, neighbour_pairs, verify
from .steps import story as _story
from .store import Store, stories_of

__all__ = [
    "CorpusConfig",
    "History",
    "IndexReport",
    "Match",
    "Store",
    "StoryReport",
    "find",
    "history",
    "index",
    "stories",
    "story",
    "threads",
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
    language: str = "en"  # the version's language: a translation is a version too


@dataclass(frozen=True)
class StoryReport:
    story: Story
    titles: dict[str, str | None]
    dates: dict[str, str | None]
    comparisons: dict[str, Comparison]  # member id -> compare(its parent in the tree, member)
    languages: dict[str, str] = field(default_factory=dict)  # member id -> its language

    def parent(self, member: str) -> str | None:
        return next((d.parent for d in self.story.tree if d.id == member), None)


def find(doc: CorpusDoc, db: str | Path, *, top: int = 5, explain: bool = True) -> list[Match]:
    """The stored versions of ``doc``, best first; the ``top`` best are compared with it when ``explain``."""
    from storydiff.pipeline import compare

    with Store(db, read_only=True) as store:
        config = store.config
        (feat,) = featurise([doc], config, static_encoder())  # the process's one table, loaded once
        centroids = store.centroids()
        # with cells, only the query's own cells are searched (as indexing searched them)
        cells = (
            assign_cells(feat.vector[None, :], centroids, config.cell_probes)[0] if len(centroids) else None
        )
        ids, vecs = store.vectors(cells)
        probe = "\x00query"  # sorts before any stored id, and is none of them
        found = set(store.sharing_bands(feat.band_keys))  # the query's LSH buckets ...
        if ids:  # ... and its embedding neighbours
            for c in neighbour_pairs([probe], feat.vector[None, :], ids, vecs, config):
                found.add(c.b if c.a == probe else c.a)
        feats = store.features(found)
        stats = store.stats_for(w for f in (feat, *feats.values()) for w in f.words.tolist())
        query = replace(feat, id=probe)
        edges = [e for other in sorted(found) if (e := verify(query, feats[other], stats, config))]
        edges += _across(store, doc, feat, probe)
        matched = {x for e in edges for x in (e.a, e.b) if x != probe}
        # only the matches' rows: a query's cost must not grow with the store
        titles, assignment = store.titles(matched), store.assignment(matched)
        languages = store.languages(matched)
        matches = []
        for e in edges:
            other = e.b if e.a == probe else e.a
            cq, cm = (e.coverage_a, e.coverage_b) if e.a == probe else (e.coverage_b, e.coverage_a)
            title, date, _ = titles[other]
            story_id, language = assignment.get(other), languages.get(other, "en")
            matches.append(Match(other, title, date, story_id, cq, cm, e.similarity, None, language))
        matches.sort(key=lambda m: (-m.similarity, m.id))
        if explain:
            matches = [
                replace(m, comparison=compare(doc.doc, store.document(m.id).doc)) if i < top else m
                for i, m in enumerate(matches)
            ]
    return matches


def _across(store: Store, doc: CorpusDoc, feat, probe: str) -> list[Edge]:
    """The query's versions in other languages (``across``), when the store has lede vectors to search: it
    has them once it holds a document in another language than English."""
    from storydiff.embed import multilingual_encoder

    from .across import ENGLISH, lede_vectors, sentence_vectors, translation_triples, verify_across
    from .steps import content_sentences

    # only documents in another language can be its translations: an English query reads the foreign ones
    ids, langs, ledes = store.ledes(ENGLISH if feat.language in ENGLISH else (feat.language,))
    if not ids:
        return []
    config, encoder = store.config, multilingual_encoder()
    lede = feat.lede if len(feat.lede) else lede_vectors([content_sentences(doc)], config, encoder)[0]
    triples = translation_triples([probe], [feat.language], lede[None, :], ids, langs, ledes, config)
    if not triples:
        return []
    others = store.documents({b for _, b, _ in triples})
    vectors = sentence_vectors(others, encoder)
    (mine,) = sentence_vectors([replace(doc, id=probe)], encoder).values()
    return [e for d in others if (e := verify_across(probe, d.id, mine, vectors[d.id], config))]


def stories(db: str | Path) -> list[Story]:
    with Store(db, read_only=True) as store:
        return stories_of(store)


def story(db: str | Path, story_id: str, *, explain: bool = True) -> StoryReport:
    """One story: its members, its derivation tree, and every version compared with its parent.

    Each edge of the tree is compared in full, so a change shows at the version that introduced it.
    """
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
        st = _story(members, edges, dates, store.marks(members), store.languages(members))
        comparisons: dict[str, Comparison] = {}
        if explain:
            docs = {m: store.document(m).doc for m in members}
            for d in st.tree:
                if d.parent is not None:
                    comparisons[d.id] = compare(docs[d.parent], docs[d.id])
        languages = dict(zip(st.members, st.languages))
        return StoryReport(st, {m: info[m][0] for m in members}, dates, comparisons, languages)


@dataclass(frozen=True)
class Step:
    """One capture of a URL and what it changed from the capture before it (None for the first)."""

    id: str
    date: str | None
    title: str | None
    previous: str | None
    unchanged: bool  # the same text as the previous capture (a crawler's revisit)
    comparison: Comparison | None


@dataclass(frozen=True)
class History:
    url: str
    steps: tuple[Step, ...]
    stories: tuple[str, ...]  # the stories the captures belong to: one, unless a step rewrote the article


def history(db: str | Path, url: str, *, explain: bool = True) -> History:
    """The captures of ``url`` oldest first (WARC revisits, JSONL rows with url and date), each compared in
    full with the capture before it, so every change is shown at the step that introduced it."""
    from storydiff.pipeline import compare

    with Store(db, read_only=True) as store:
        captures = store.urls(url)
        if not captures:
            raise InputError(f"no document with url {url!r} in {db}")
        info, assignment = store.titles(), store.assignment()
        hashes = store.content_hashes([c for c, _ in captures])
        steps: list[Step] = []
        prev = None
        for doc_id, date in captures:
            doc = store.document(doc_id).doc if explain else None
            same = prev is not None and hashes.get(doc_id) == hashes.get(prev[0])
            comparison = None
            if prev is not None and explain and not same:
                comparison = compare(prev[1], doc)
            steps.append(Step(doc_id, date, info[doc_id][0], prev[0] if prev else None, same, comparison))
            prev = (doc_id, doc)
        found = tuple(dict.fromkeys(assignment.get(c, c) for c, _ in captures))
    return History(url, tuple(steps), found)


@dataclass(frozen=True)
class Thread:
    id: str  # its smallest story id
    stories: tuple[Story, ...]  # largest first
    earliest: str | None


def threads(db: str | Path, config: ThreadConfig | None = None) -> list[Thread]:
    """Threads of two or more stories, largest first: one developing event's stories (``corpus/events.py``).

    Computed from what the store holds (each version's names, vector and date), by the same step whichever
    engine wrote the store.
    """
    import numpy as np

    with Store(db, read_only=True) as store:
        all_stories = {s.id: s for s in stories_of(store)}
        assignment = store.assignment()
        names = store.names()
        ids, vecs = store.vectors()
        dates = store.dates()
    vector = dict(zip(ids, vecs))
    members: dict[str, list[str]] = {}
    for doc, sid in assignment.items():
        members.setdefault(sid, []).append(doc)
    events = []
    for sid, docs in members.items():
        v = np.sum([vector[d] for d in docs if d in vector], axis=0)
        v = v / max(float(np.linalg.norm(v)), 1e-12)
        keys = frozenset(int(k) for d in docs for k in names.get(d, ()))
        known = sorted(x for d in docs if (x := dates.get(d)))
        events.append(Event(sid, keys, v.astype(np.float32), known[0] if known else None))
    label = group_events(events, config)
    found: dict[str, list[str]] = {}
    for sid, tid in label.items():
        found.setdefault(tid, []).append(sid)
    out = []
    for tid, sids in found.items():
        if len(sids) < 2:
            continue
        sts = [all_stories.get(s) or Story(s, (s,), s, 0.0, dates.get(s)) for s in sids]
        sts.sort(key=lambda s: (-len(s.members), s.id))
        known = sorted(s.earliest for s in sts if s.earliest)
        out.append(Thread(tid, tuple(sts), known[0] if known else None))
    return sorted(out, key=lambda t: (-len(t.stories), t.id))
