"""The corpus pipeline's steps: pure functions over plain records, so any executor can run them unchanged.

    read -> featurise (sentences, MinHash, band keys, static vectors) -> candidates (bands, neighbours)
         -> verify (sentence coverage) -> cluster (connected components) -> likely original

The local executor (``corpus/local.py``) feeds them from the DuckDB store; the Spark executor
(``scale/spark.py``) feeds them from DataFrame partitions. Nothing here touches a store or a file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from storydiff import text
from storydiff.classify.entity import names_in
from storydiff.records import Candidate, CorpusDoc, Edge, Marks, Story
from storydiff.text.roles import CORRECTION

from .provenance import derivation

_WORD = re.compile(r"\w+", re.UNICODE)
KEY_MASK = 0x7FFF_FFFF_FFFF_FFFF  # keys are 63-bit: signed 64-bit engines (Spark, Parquet) hold them exactly
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class CorpusConfig:
    """Every knob of the corpus path, in one place; each default names the measurement that chose it."""

    num_perm: int = 128
    bands: int = 32  # 32 bands x 4 rows: LSH cut-off ~0.42 on word 3-gram Jaccard (issue 4: 16x8 found 34%)
    shingle: int = 3
    seed: int = 7
    neighbours: int = 10  # embedding neighbours per document that are verified
    min_doc_cosine: float = (
        0.8  # verified BBC links: min 0.85; seed pair 0.986; Reuters random pairs p99 0.83
    )
    sentence_match: float = 0.85  # static cosine of two sentences that say the same thing ...
    sentence_overlap: float = 0.5  # ... and the idf-weighted Dice of their words (numbers must agree too),
    # or a lower cosine when nearly all their rare words are shared ("said" / "told reporters", "mln" /
    # "million" cost the static embedding more than the words: issue 16's reworded copies)
    reworded_match: float = 0.7
    reworded_overlap: float = 0.8
    min_coverage: float = 0.5  # share of the more-covered side's sentences that must find a match ...
    min_coverage_other: float = 0.2  # ... and of the other side (a brief is a version of the long story)
    min_evidence: float = 40.0  # idf mass of the words matched sentences share: ~10 rare words, or ...
    near_exact: float = 0.8  # ... this share of the smaller side's evidence (a short item copied: issue 16),
    min_evidence_short: float = 20.0  # ... but never under this (~5 rare words: short wire templates)
    near_exact_jaccard: float = 0.7  # MinHash estimate of word 3-gram Jaccard that is a copy outright
    min_sentence_words: int = 3  # "Year", "REUTER": too short to be evidence either way
    common_df: int = 20  # a sentence found in more distinct texts than this is boilerplate, not evidence
    min_name_mass: float = 12.0  # both versions name at least this idf mass of names ...
    name_overlap: float = 0.5  # ... and share half the smaller mass, or they are not versions
    max_bucket: int = 200  # an LSH bucket larger than this is a shared template, not a story
    exact_neighbours: int = 20_000  # up to this many documents the neighbour search is exact ...
    cell_size: int = 1000  # ... above it, k-means cells of about this many documents (issue 6)
    cell_probes: int = 2  # each document is placed in, and searched in, its nearest cells
    cell_sample: int = 40  # k-means trains on this many documents per cell
    cell_iterations: int = 8
    # versions in other languages (corpus/across.py), chosen on the wmt21 dev half among Reuters and BBC:
    lede_sentences: int = 3  # the lede vector averages this many content sentences (3 and 5: source in top 5
    # for every covered dev translation; 1: 0.96)
    translation_neighbours: int = 5  # nearest documents in other languages verified per document
    translation_cosine: float = 0.3  # lede cosine floor for a candidate (true pairs: p1 0.50)
    translation_match: float = 0.5  # multilingual cosine at which a sentence renders another (0.5: every dev
    # translation kept, 5 of 740 other candidates; 0.6: 168 of 192 kept)
    translation_coverage: float = 0.5  # of *both* sides: a translation renders the whole text (dev pairs'
    # smaller coverage: p1 0.50, p5 0.61; reports of one event by two outlets: 0.27-0.5)
    translation_min_sentences: int = 2  # sentences matched one to one, at the least

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True)
class Features:
    """What the later steps need of a document, computed once at indexing time."""

    id: str
    content_hash: str
    minhash: np.ndarray  # uint32 [num_perm]
    band_keys: np.ndarray  # uint64 [bands]
    vector: np.ndarray  # float32 [dim], unit length: the document's static embedding
    sentences: np.ndarray  # int8 [n, dim]: content sentence vectors x 127
    sentence_keys: np.ndarray  # uint64 [n]: hash of each sentence's normalised words
    words: np.ndarray  # uint32 [total]: each sentence's distinct words (hashed), sentence after sentence
    word_counts: np.ndarray  # uint32 [n]: how many of ``words`` belong to each sentence
    marks: Marks = Marks()  # what dates the version (furniture, correction note, headline): provenance
    # the word ids (as in ``words``) of the names it mentions: versions name the same people and places,
    # and the stories of one event share them (threads)
    names: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    language: str = "en"  # ISO 639-1 (text.language), "und" when undetermined
    # the multilingual lede vector (corpus/across.py), for a document in another language; empty for English
    # ones until the corpus holds another language
    lede: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))

    @cached_property
    def word_sets(self) -> list[frozenset[int]]:
        ends = np.cumsum(self.word_counts)
        starts = ends - self.word_counts
        flat = self.words.tolist()
        return [frozenset(flat[s:e]) for s, e in zip(starts.tolist(), ends.tolist())]


def content_sentences(doc: CorpusDoc) -> list[str]:
    """Sentences that carry the story: captions, bylines, boilerplate and the headline are not evidence."""
    return _read(doc)[0]


def name_ids(names: Iterable[str]) -> np.ndarray:
    """Sorted word ids of names, the ids ``words`` uses, so corpus idf weighs them (``corpus/events.py``)."""
    ids = {word_id(w, stable_hash(w)) for n in names for w in normalised_words(n)}
    return np.array(sorted(ids), dtype=np.uint32)


def _read(doc: CorpusDoc) -> tuple[list[str], Marks, list[str]]:
    """The content sentences, the version's marks and the sentences to take names from (content and
    headline: a wire template's company is often named only in its headline), from one text-stage pass."""
    found = text.sentences(doc.doc)
    content = [s.text for s in found if s.role == "content"]
    named = [s.text for s in found if s.role in ("content", "headline")]
    marks = Marks(
        furniture=sum(s.role in ("caption", "boilerplate") for s in found),
        correction=any(CORRECTION.search(t) for t in content),
        headline=any(s.role == "headline" for s in found),
    )
    return content or [s.text for s in found], marks, named


def normalised_words(sentence: str) -> list[str]:
    return _WORD.findall(sentence.lower())


def stable_hash(token: str) -> int:
    """A 64-bit hash that is the same in every process and on every machine (Python's ``hash`` is not)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


NUMBER_BIT = 0x80000000


def word_id(word: str, h: int) -> int:
    """32 bits of the word's hash; the top bit says "this is a number" (verify treats numbers apart)."""
    low = h & 0x7FFFFFFF
    return low | NUMBER_BIT if any(ch.isdigit() for ch in word) else low


def featurise(docs: Sequence[CorpusDoc], config: CorpusConfig, encoder) -> list[Features]:
    """A batch of documents -> Features. Batched because the encoder and rensa are fastest on many rows."""
    if not docs:
        return []
    read = [_read(d) for d in docs]
    sentences = [r[0] for r in read]
    words = [[normalised_words(s) for s in ss] for ss in sentences]
    vocab: dict[str, int] = {}
    wids: dict[str, int] = {}
    for doc_words in words:
        for ws in doc_words:
            for w in ws:
                if w not in vocab:
                    vocab[w] = h = stable_hash(w)
                    wids[w] = word_id(w, h)
    doc_hashes = [np.fromiter((vocab[w] for ws in dw for w in ws), dtype=np.uint64) for dw in words]
    minhashes = minhash_matrix(doc_hashes, config)
    keys = band_keys(minhashes, config)
    flat = [s for ss in sentences for s in ss]
    vecs = encoder.encode(flat) if flat else np.zeros((0, encoder.dim), dtype=np.float32)
    langs, ledes = _languages(docs, sentences, config)
    out: list[Features] = []
    pos = 0
    for d, (ss, marks, named), dw, mh, bk, lang in zip(docs, read, words, minhashes, keys, langs):
        sv = vecs[pos : pos + len(ss)]
        pos += len(ss)
        doc_vec = sv.sum(axis=0)
        doc_vec = doc_vec / max(float(np.linalg.norm(doc_vec)), 1e-12)
        skeys = np.array([stable_hash(" ".join(ws)) & KEY_MASK for ws in dw], dtype=np.uint64)
        sets = [sorted({wids[w] for w in ws}) for ws in dw]
        joined = "\n".join(" ".join(ws) for ws in dw)
        out.append(
            Features(
                id=d.id,
                content_hash=hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest(),
                minhash=mh,
                band_keys=bk,
                vector=doc_vec.astype(np.float32),
                sentences=np.round(sv * 127).astype(np.int8),
                sentence_keys=skeys,
                words=np.array([h for st in sets for h in st], dtype=np.uint32),
                word_counts=np.array([len(st) for st in sets], dtype=np.uint32),
                marks=marks,
                names=name_ids(names_in(named)),
                language=lang,
                lede=ledes.get(d.id, np.zeros(0, np.float32)),
            )
        )
    return out


LANGUAGE_SCORE = 0.9
"""A corpus document's language is what fastText says at this confidence, over at least ``LANGUAGE_LETTERS``
letters; else "und". Reuters' price tables came out German at 0.54-0.66, a headline in capitals French at
0.81, a six-word one Swedish at 0.92; every wmt21 document in the encoder's languages scores over 0.9 (seven
Icelandic ones 0.68-0.90, and Icelandic is outside the encoder anyway)."""
LANGUAGE_LETTERS = 100


def document_language(text_: str) -> str:
    from storydiff.text import language

    found = language.detect(text_, max_chars=1000)
    if found.score < LANGUAGE_SCORE or language.letters(text_[:1000], LANGUAGE_LETTERS) < LANGUAGE_LETTERS:
        return "und"
    return found.code


def _languages(docs: Sequence[CorpusDoc], sentences: list[list[str]], config: CorpusConfig):
    """Each document's language, and the lede vectors of those in another language than English (only
    they pay for the multilingual encoder here; ``across`` explains why and when English ones get theirs)."""
    from storydiff.embed import multilingual_encoder

    from .across import foreign, lede_vectors

    langs = [document_language(d.doc.text) for d in docs]
    picked = [i for i, lang in enumerate(langs) if foreign(lang)]
    if not picked:
        return langs, {}
    vecs = lede_vectors([sentences[i] for i in picked], config, multilingual_encoder())
    return langs, {docs[i].id: v for i, v in zip(picked, vecs)}


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads combined hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def shingle_hashes(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """Hashes of the word k-grams of one document (its words themselves when it is shorter than k)."""
    n = len(word_hashes)
    if n < k:
        return word_hashes
    with np.errstate(over="ignore"):
        acc = word_hashes[: n - k + 1].copy()
        for j in range(1, k):
            acc = _mix(acc * np.uint64(0x9E3779B97F4A7C15) + word_hashes[j : n - k + 1 + j])
    return acc


def minhash_matrix(doc_word_hashes: Sequence[np.ndarray], config: CorpusConfig) -> np.ndarray:
    """MinHash signatures (uint32 [docs, num_perm]) with rensa, from word hashes of each document."""
    import rensa

    shingles = [shingle_hashes(h, config.shingle) for h in doc_word_hashes]
    shingles = [s if len(s) else np.zeros(1, dtype=np.uint64) for s in shingles]  # empty -> one fixed token
    offsets = np.zeros(len(shingles) + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum([len(s) for s in shingles])
    flat = np.concatenate(shingles).astype(np.uint64)
    digests = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, config.num_perm, config.seed)
    return np.asarray(digests.to_rows(), dtype=np.uint32).reshape(len(shingles), config.num_perm)


def band_keys(minhashes: np.ndarray, config: CorpusConfig) -> np.ndarray:
    """One uint64 key per band: documents sharing a key in any band are MinHash candidates."""
    rows = config.rows
    m = minhashes[:, : config.bands * rows].astype(np.uint64).reshape(len(minhashes), config.bands, rows)
    with np.errstate(over="ignore"):
        acc = np.arange(config.bands, dtype=np.uint64)[None, :] + np.uint64(1)
        acc = np.broadcast_to(acc, m.shape[:2]).copy()
        for r in range(rows):
            acc = _mix(acc * np.uint64(0x9E3779B97F4A7C15) + m[:, :, r])
    return acc & np.uint64(KEY_MASK)


def bucket_pairs(ids: Sequence[str], config: CorpusConfig) -> Iterator[Candidate]:
    """All pairs in one LSH bucket; a bucket larger than ``max_bucket`` is skipped as a template."""
    if len(ids) < 2 or len(ids) > config.max_bucket:
        return
    members = sorted(set(ids))
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            yield Candidate(a, b, "minhash")


def first_in_groups(keys: np.ndarray, k: int) -> np.ndarray:
    """Mask of the first ``k`` entries of each run of equal ``keys`` (``keys`` sorted): top-k per group."""
    return (np.arange(len(keys)) - np.searchsorted(keys, keys)) < k


def nearest(q: np.ndarray, m: np.ndarray, k: int, floor: float, chunk: int = 1024):
    """For each row of ``q``, the ``k`` rows of ``m`` with the highest cosine at or above ``floor``.

    Returns (row, column, cosine) arrays ordered by row, then cosine descending, then column (so ties go to
    the smaller column, i.e. the smaller id when ``m`` is in id order). The matrix product only shortlists;
    the shortlisted cosines are recomputed pair by pair, so a pair's cosine does not depend on which other
    rows were multiplied beside it: the local engine's chunks and Spark's cells rank alike.
    """
    empty = np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    if not len(q) or not len(m) or k < 1:
        return empty
    found = []
    for start in range(0, len(q), chunk):
        qs = q[start : start + chunk]
        sims = qs @ m.T
        cut = np.full(len(qs), floor, dtype=np.float32)
        if sims.shape[1] > k:  # only rows at or above each row's k-th best need ranking
            cut = np.maximum(cut, -np.partition(-sims, k - 1, axis=1)[:, k - 1])
        rows, cols = np.nonzero(sims >= (cut - 1e-5)[:, None])
        exact = np.einsum("ij,ij->i", qs[rows], m[cols])
        keep = exact >= floor
        rows, cols, exact = rows[keep], cols[keep], exact[keep]
        order = np.lexsort((cols, -exact, rows))
        rows, cols, exact = rows[order], cols[order], exact[order]
        top = first_in_groups(rows, k)
        found.append((rows[top] + start, cols[top], exact[top]))
    return tuple(np.concatenate(x) for x in zip(*found))


def neighbour_triples(
    query_ids: Sequence[str],
    query_vecs: np.ndarray,
    ids: Sequence[str],
    vecs: np.ndarray,
    config: CorpusConfig,
) -> list[tuple[str, str, float]]:
    """(query, neighbour, cosine): each query's ``neighbours`` nearest documents but itself, above the floor.

    ``ids`` must be sorted (ties go to the smaller id). Paraphrased copies share no shingles, so these
    neighbours are the candidates MinHash cannot find.
    """
    k = config.neighbours
    rows, cols, sims = nearest(query_vecs, vecs, k + 1, config.min_doc_cosine)  # +1: itself
    out: list[tuple[str, str, float]] = []
    taken: dict[int, int] = {}
    for r, c, s in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        a, b = query_ids[r], ids[c]
        if a != b and taken.get(r, 0) < k:
            taken[r] = taken.get(r, 0) + 1
            out.append((a, b, s))
    return out


def best_neighbours(triples: Iterable[tuple[str, str, float]], config: CorpusConfig) -> list[Candidate]:
    """Merge triples found in several cells: each query keeps its ``neighbours`` best, as one search would."""
    best: dict[str, dict[str, float]] = {}
    for a, b, s in triples:
        seen = best.setdefault(a, {})
        seen[b] = max(s, seen.get(b, s))
    pairs = set()
    for a, others in best.items():
        for b, _ in sorted(others.items(), key=lambda x: (-x[1], x[0]))[: config.neighbours]:
            pairs.add((min(a, b), max(a, b)))
    return [Candidate(a, b, "embedding") for a, b in sorted(pairs)]


def neighbour_pairs(
    query_ids: Sequence[str],
    query_vecs: np.ndarray,
    ids: Sequence[str],
    vecs: np.ndarray,
    config: CorpusConfig,
) -> list[Candidate]:
    """Exact nearest neighbours of a few queries against every document (``find`` uses it)."""
    return best_neighbours(neighbour_triples(query_ids, query_vecs, ids, vecs, config), config)


# -- cells: the approximate form of the neighbour search, for corpora too large to compare all pairs ---------


def cell_count(documents: int, config: CorpusConfig) -> int:
    """0 (one cell: exact search) up to ``exact_neighbours`` documents, else about ``cell_size`` per cell."""
    if documents <= config.exact_neighbours:
        return 0
    return -(-documents // config.cell_size)


def sample_rank(doc_id: str) -> int:
    """The k-means sample is the documents with the smallest ranks: the same in every engine."""
    return stable_hash("cell-sample:" + doc_id) & KEY_MASK


def train_cells(sample: np.ndarray, cells: int, config: CorpusConfig) -> np.ndarray:
    """Spherical k-means centroids (float32 [cells, dim]) from ``sample`` given in ``sample_rank`` order.

    k-means++ seeding from a fixed seed, then a fixed number of Lloyd steps: deterministic, so every
    engine that trains on the same sample gets the same cells.
    """
    if cells == 0 or not len(sample):
        return np.zeros((0, sample.shape[1] if sample.ndim == 2 else 0), dtype=np.float32)
    sample = sample.astype(np.float32)
    rng = np.random.default_rng(config.seed)
    chosen = [0]
    dist = np.maximum(1.0 - sample @ sample[0], 0.0).astype(np.float64)
    for _ in range(1, min(cells, len(sample))):
        total = dist.sum()
        pick = int(rng.choice(len(sample), p=dist / total)) if total > 0 else len(chosen)
        chosen.append(pick)
        dist = np.minimum(dist, np.maximum(1.0 - sample @ sample[pick], 0.0))
    centroids = sample[chosen].copy()
    for _ in range(config.cell_iterations):
        owner = assign_cells(sample, centroids, 1)[:, 0]
        sums = np.zeros_like(centroids)
        np.add.at(sums, owner, sample)
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0
        centroids[filled] = sums[filled] / norms[filled, None]
    return centroids


def assign_cells(vecs: np.ndarray, centroids: np.ndarray, probes: int) -> np.ndarray:
    """Each vector's ``probes`` nearest centroids (int32 [n, probes]); all 0 when there are no centroids.

    A document is placed in (and searched in) several cells, so a near copy that falls just across a cell
    border is still found.
    """
    if not len(centroids):
        return np.zeros((len(vecs), 1), dtype=np.int32)
    probes = min(probes, len(centroids))
    _, cols, _ = nearest(vecs, centroids, probes, -np.inf)
    return cols.astype(np.int32).reshape(len(vecs), probes)


@dataclass(frozen=True)
class CorpusStats:
    """What verification needs to know about the whole corpus, computed once per linking run."""

    common: frozenset[int]  # sentence keys found in more than ``common_df`` distinct texts
    idf: dict[int, float]  # word hash -> log(N / document frequency)
    unseen_idf: float  # for words of a query document that the corpus never saw
    _masses: dict[str, list[float]] = field(default_factory=dict, compare=False, repr=False)

    def masses(self, f: Features) -> list[float]:
        """Each sentence's idf mass, computed once per document and linking run."""
        found = self._masses.get(f.id)
        if found is None:
            found = self._masses[f.id] = [_idf_mass(w, self) for w in f.word_sets]
        return found

    @staticmethod
    def build(common: Iterable[int], doc_words: Iterable[np.ndarray], documents: int) -> CorpusStats:
        """``doc_words``: every document's distinct word hashes (one array per document)."""
        arrays = [np.unique(w) for w in doc_words]
        if arrays:
            words, df = np.unique(np.concatenate(arrays), return_counts=True)
        else:
            words, df = np.zeros(0, np.uint32), np.zeros(0, np.int64)
        n = max(documents, 1)
        idf = np.log((n + 1) / df)
        return CorpusStats(frozenset(common), dict(zip(words.tolist(), idf.tolist())), float(np.log(n + 1)))


def verify(a: Features, b: Features, stats: CorpusStats, config: CorpusConfig) -> Edge | None:
    """Keep a candidate pair when enough of both documents' sentences find a counterpart.

    Two sentences match when their vectors are close and they share enough of their *rare* words (Dice
    weighted by idf): a template ("Shr 12 cts vs 10 cts", "Net 1,234,000 vs ...") repeats its frequent
    words under every company, while versions of one story share its names and numbers. Sentences found in
    many documents (``stats.common``: wire leads, footers) are left out of the count and of the total, so
    two stories that share a boilerplate paragraph do not become one.
    """
    common = stats.common
    if a.content_hash == b.content_hash:
        return Edge(min(a.id, b.id), max(a.id, b.id), 1.0, 1.0, 1.0, 0, 0)
    if not _names_agree(a, b, stats, config):
        return None
    jaccard = float(np.mean(a.minhash == b.minhash)) if len(a.minhash) == len(b.minhash) else 0.0
    if jaccard >= config.near_exact_jaccard:  # a word or two changed: a copy, however its sentences split
        return _edge(a, b, jaccard, jaccard, jaccard)
    ma = _evidence_mask(a, common, config)
    mb = _evidence_mask(b, common, config)
    if not ma.any() or not mb.any():
        return None
    va = a.sentences[ma].astype(np.float32) / 127.0
    vb = b.sentences[mb].astype(np.float32) / 127.0
    sims = va @ vb.T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    floor_cos = min(config.sentence_match, config.reworded_match)
    # the cheap bound first: a sentence with no close counterpart is never found, so the share of sentences
    # that have one bounds each side's coverage (most candidates stop here, before any word set is built)
    up_a, up_b = float((best_a >= floor_cos).mean()), float((best_b >= floor_cos).mean())
    if max(up_a, up_b) < config.min_coverage or min(up_a, up_b) < config.min_coverage_other:
        return None
    close = np.argwhere(sims >= floor_cos)
    found_a = np.zeros(len(va), dtype=bool)
    found_b = np.zeros(len(vb), dtype=bool)
    if not len(close):
        return None
    wa = [w for w, keep in zip(a.word_sets, ma) if keep]
    wb = [w for w, keep in zip(b.word_sets, mb) if keep]
    ka = [m for m, keep in zip(stats.masses(a), ma) if keep]
    kb = [m for m, keep in zip(stats.masses(b), mb) if keep]
    evidence = 0.0
    one_edit = None  # computed once, for the first sentence that differs in its figures only
    for i, j in close.tolist():
        shared = wa[i] & wb[j]
        mass = _idf_mass(shared, stats)
        need = config.sentence_overlap if sims[i, j] >= config.sentence_match else config.reworded_overlap
        similar = 2 * mass >= need * (ka[i] + kb[j])
        agree = similar and _numbers_agree(wa[i], wb[j])
        if not agree and _edited(wa[i], wb[j]):
            # one sentence with its figures changed ("2.5 million" / "25 million") where every other sentence
            # of one side is the other's verbatim: a version of the story, a correction. A template's reports
            # (hog prices at two markets, two funds' dividends) change a figure in every sentence
            if one_edit is None:
                one_edit = _one_sentence_edited(a, b, ma, mb)
            agree = one_edit
        if agree:
            if not found_a[i]:
                evidence += mass
            found_a[i] = found_b[j] = True
    if not (found_a.all() and found_b.all()):
        # the edited sentence of a one-figure correction may fall under the cosine prefilter (a short
        # sentence whose figure is most of it: "The pct with 193.9." / "... 1939.0."): pair it by its words
        if one_edit is None:
            one_edit = _one_sentence_edited(a, b, ma, mb)
        unpaired = np.flatnonzero(~found_a).tolist() if one_edit else []
        for i in unpaired:
            j = next((j for j in np.flatnonzero(~found_b).tolist() if _edited(wa[i], wb[j])), None)
            if j is not None:
                evidence += _idf_mass(wa[i] & wb[j], stats)
                found_a[i] = found_b[j] = True
    floor = min(
        config.min_evidence, max(config.min_evidence_short, config.near_exact * min(sum(ka), sum(kb)))
    )
    if evidence < floor:
        return None
    cov_a, cov_b = float(found_a.mean()), float(found_b.mean())
    if max(cov_a, cov_b) < config.min_coverage or min(cov_a, cov_b) < config.min_coverage_other:
        return None
    similarity = float((best_a.sum() + best_b.sum()) / (len(best_a) + len(best_b)))
    return _edge(a, b, cov_a, cov_b, similarity)


def _edge(a: Features, b: Features, cov_a: float, cov_b: float, similarity: float) -> Edge:
    """The edge in its one spelling (``a < b``), with the sentences each side does not share verbatim."""
    if a.id > b.id:
        a, b, cov_a, cov_b = b, a, cov_b, cov_a
    only_a, only_b = _only(a.sentence_keys, b.sentence_keys), _only(b.sentence_keys, a.sentence_keys)
    return Edge(a.id, b.id, round(cov_a, 4), round(cov_b, 4), round(min(similarity, 1.0), 4), only_a, only_b)


def _only(keys: np.ndarray, other: np.ndarray) -> int:
    """How many of one side's sentences have no verbatim counterpart (same normalised words) on the other."""
    return int((~np.isin(keys, other)).sum())


def _evidence_mask(f: Features, common: frozenset[int], config: CorpusConfig) -> np.ndarray:
    """Sentences that can count as evidence: long enough, and not boilerplate."""
    keys = f.sentence_keys.tolist()
    usable = np.fromiter((k not in common for k in keys), dtype=bool, count=len(keys))
    return usable & (f.word_counts >= config.min_sentence_words)


def _names_agree(a: Features, b: Features, stats: CorpusStats, config: CorpusConfig) -> bool:
    """Versions of one story name the same people and places; reports of two events from one template
    ("Floodwater swept through X ...", "Shr 12 cts vs 10 cts" under another company) do not.

    When both name enough (idf mass ``min_name_mass``: about three rare names), the names they share must
    carry ``name_overlap`` of the smaller side's mass (a brief names fewer people than the long story).
    """
    na, nb = frozenset(a.names.tolist()), frozenset(b.names.tolist())
    ma, mb = _idf_mass(na, stats), _idf_mass(nb, stats)
    if min(ma, mb) < config.min_name_mass:
        return True
    return _idf_mass(na & nb, stats) >= config.name_overlap * min(ma, mb)


def _words(x: frozenset[int]) -> frozenset[int]:
    return frozenset(w for w in x if not w & NUMBER_BIT)


def _edited(x: frozenset[int], y: frozenset[int]) -> bool:
    """The same words, other figures."""
    return x != y and bool(_words(x)) and _words(x) == _words(y)


def _one_sentence_edited(a: Features, b: Features, ma: np.ndarray, mb: np.ndarray) -> bool:
    """All evidence sentences but one of one side have a verbatim counterpart on the other, and some do
    (a footer or a wire's "Blah blah blah." is no evidence: flashes that repeat one template line, a new
    figure each week, are not versions of each other), and both name the same names, headline included
    (two companies' dividend notices differ in nothing else)."""
    if not np.array_equal(np.unique(a.names), np.unique(b.names)):
        return False  # a correction keeps the names; a template's next report is another company's
    ka, kb = a.sentence_keys[ma], b.sentence_keys[mb]
    in_b, in_a = np.isin(ka, kb), np.isin(kb, ka)
    return bool(in_b.any()) and min(int((~in_b).sum()), int((~in_a).sum())) <= 1


def _numbers_agree(x: frozenset[int], y: frozenset[int]) -> bool:
    """Sentences that both carry numbers must share most of them: a template's numbers are its story."""
    nx = {w for w in x if w & NUMBER_BIT}
    ny = {w for w in y if w & NUMBER_BIT}
    if not nx or not ny:
        return True
    return 2 * len(nx & ny) / (len(nx) + len(ny)) >= 0.5


def _idf_mass(words: frozenset[int], stats: CorpusStats) -> float:
    idf, unseen = stats.idf, stats.unseen_idf
    return sum(idf.get(w, unseen) for w in words)


def components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Connected components; each labelled by its smallest id, as the distributed version labels them."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
        parent.setdefault(a, a)
        parent.setdefault(b, b)
    return {x: find(x) for x in parent}


def story(
    members: Sequence[str],
    edges: Sequence[Edge],
    dates: dict[str, str | None],
    marks: dict[str, Marks] | None = None,
    languages: dict[str, str] | None = None,
) -> Story:
    """A story record; its original is the root of the derivation tree (``provenance.derivation``)."""
    members = tuple(sorted(members))
    tree = derivation(members, edges, dates, marks)
    divergence = 1 - (sum(e.similarity for e in edges) / len(edges)) if edges else 0.0
    known = sorted(d for m in members if (d := dates.get(m)))
    return Story(
        id=members[0],
        members=members,
        original=next(d.id for d in tree if d.parent is None),
        divergence=round(max(divergence, 0.0), 4),
        earliest=known[0] if known else None,
        tree=tree,
        languages=tuple(languages.get(m, "en") for m in members) if languages else (),
    )
