"""Versions across languages: a translation is a version of the story (issue 14).

The static English vectors, shingles and word sets that find copies cannot see a translation: it shares no
words with its source. So each document also gets a *multilingual lede vector*: USE-multilingual-v3 over its
first ``lede_sentences`` content sentences, averaged (a translation keeps its source's order, and a lede
names the story). It is computed for a document in another language when it is indexed, and for the English
documents once the corpus first holds another language (an English-only corpus never pays for it); either
way it is a function of the document alone, so order and batching do not change it.

    candidates: each document's ``translation_neighbours`` nearest documents *in another language*
    verify:     both documents' content sentences embedded with the multilingual encoder; a sentence is
                matched when its best counterpart scores ``translation_match``, and the pair is kept when
                ``translation_coverage`` of *both* sides is matched *in order*: a translation renders the
                whole text, sentence after sentence, while two outlets' reports of one event share a few
                sentences' sense, in their own order

Only languages the encoder covers are linked this way (``readable``): on others its vectors are noise (two
unrelated Icelandic stories, one read as "und", scored 0.54 and were joined).

Pure functions over arrays, like ``steps``: the local engine and Spark call them unchanged.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from storydiff.records import Candidate, CorpusDoc, Edge
from storydiff.text.language import MULTILINGUAL

from .steps import CorpusConfig, best_neighbours, content_sentences, nearest

ENGLISH = frozenset({"en", "und"})
"""Languages the English path reads: "und" (too short or mixed to tell) is taken as the corpus's English."""


def foreign(language: str) -> bool:
    return language not in ENGLISH


def readable(language: str) -> bool:
    """Whether the multilingual encoder can vouch for a translation in this language ("und" is read as the
    corpus's English, as everywhere here)."""
    return language in MULTILINGUAL or language in ENGLISH


def lede_vectors(sentences: Sequence[Sequence[str]], config: CorpusConfig, encoder) -> np.ndarray:
    """float32 [docs, dim]: each document's first content sentences, embedded and averaged, unit length."""
    ledes = [list(s[: config.lede_sentences]) or [""] for s in sentences]
    flat = [t for lede in ledes for t in lede]
    vecs = encoder.encode(flat) if flat else np.zeros((0, encoder.dim), dtype=np.float32)
    out = np.zeros((len(ledes), vecs.shape[1]), dtype=np.float32)
    pos = 0
    for i, lede in enumerate(ledes):
        v = vecs[pos : pos + len(lede)].sum(axis=0)
        pos += len(lede)
        out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


def translation_triples(
    query_ids: Sequence[str],
    query_langs: Sequence[str],
    query_vecs: np.ndarray,
    ids: Sequence[str],
    langs: Sequence[str],
    vecs: np.ndarray,
    config: CorpusConfig,
) -> list[tuple[str, str, float]]:
    """(query, other, cosine): each query's nearest documents written in another language, above the floor.

    ``ids`` sorted (ties go to the smaller id). Searched language by language: the documents in the query's
    own language are left out of its search, so they never crowd out its translations. Queries and documents
    in a language the encoder does not cover take no part.
    """
    out: list[tuple[str, str, float]] = []
    langs_arr = np.asarray(langs, dtype=object)
    q_langs = np.asarray(query_langs, dtype=object)
    covered = np.array([readable(x) for x in langs], dtype=bool)
    k = config.translation_neighbours
    for lang in sorted(x for x in set(query_langs) if readable(x)):
        rows = np.flatnonzero(q_langs == lang)
        cols = np.flatnonzero(_other_language(langs_arr, lang) & covered)
        if not len(rows) or not len(cols):
            continue
        r, c, s = nearest(query_vecs[rows], vecs[cols], k, config.translation_cosine)
        out += [
            (query_ids[rows[i]], ids[cols[j]], sim) for i, j, sim in zip(r.tolist(), c.tolist(), s.tolist())
        ]
    return out


def _other_language(langs: np.ndarray, lang: str) -> np.ndarray:
    """English and undetermined count as one language (the English path links those)."""
    if lang in ENGLISH:
        return ~np.isin(langs, list(ENGLISH))
    return langs != lang


def translation_pairs(triples: list[tuple[str, str, float]], config: CorpusConfig) -> list[Candidate]:
    """Each document keeps its ``translation_neighbours`` best, as ``best_neighbours`` does."""
    k = config.translation_neighbours
    cands = best_neighbours(triples, CorpusConfig(neighbours=k))
    return [Candidate(c.a, c.b, "translation") for c in cands]


def verify_across(a_id: str, b_id: str, va: np.ndarray, vb: np.ndarray, config: CorpusConfig) -> Edge | None:
    """Keep a pair of versions in two languages when enough of their sentences find a translation.

    ``va``, ``vb``: unit multilingual vectors of each side's content sentences. A sentence is matched when
    its best counterpart scores ``translation_match`` and it is that counterpart's best too (one to one, so
    one generic sentence cannot vouch for many); both sides must be covered, counting only the matches that
    keep one order (the longest run in order: a translation follows its source, two reports of one event
    that share a few facts' sense do not; a moved paragraph costs only its own sentences). Nothing is shared
    verbatim across languages, so every unmatched sentence counts as one side's own (``only_a`` /
    ``only_b``).
    """
    if not len(va) or not len(vb):
        return None
    sims = va @ vb.T
    best_b_of_a, best_a_of_b = sims.argmax(axis=1), sims.argmax(axis=0)
    mutual = best_a_of_b[best_b_of_a] == np.arange(len(va))
    found_a = mutual & (sims[np.arange(len(va)), best_b_of_a] >= config.translation_match)
    found_b = np.zeros(len(vb), dtype=bool)
    found_b[best_b_of_a[found_a]] = True
    if found_a.sum() < min(config.translation_min_sentences, len(va), len(vb)):
        return None
    cov_a, cov_b = float(found_a.mean()), float(found_b.mean())
    in_order = _longest_increasing(best_b_of_a[found_a].tolist())
    if min(in_order / len(va), in_order / len(vb)) < config.translation_coverage:
        return None
    similarity = float((sims.max(axis=1).sum() + sims.max(axis=0).sum()) / (len(va) + len(vb)))
    if a_id > b_id:
        a_id, b_id, cov_a, cov_b, found_a, found_b = b_id, a_id, cov_b, cov_a, found_b, found_a
    return Edge(
        a_id,
        b_id,
        round(cov_a, 4),
        round(cov_b, 4),
        round(min(similarity, 1.0), 4),
        int((~found_a).sum()),
        int((~found_b).sum()),
    )


def _longest_increasing(values: list[int]) -> int:
    """The length of the longest strictly increasing subsequence (patience sorting, n log n)."""
    tails: list[int] = []
    for v in values:
        k = bisect.bisect_left(tails, v)
        tails[k : k + 1] = [v]
    return len(tails)


def sentence_vectors(docs: Sequence[CorpusDoc], encoder) -> dict[str, np.ndarray]:
    """Each document's content sentences embedded with the multilingual encoder (what ``verify_across``
    reads), in one batch."""
    sentences = [content_sentences(d) for d in docs]
    flat = [t for ss in sentences for t in ss]
    vecs = encoder.encode(flat) if flat else np.zeros((0, encoder.dim), dtype=np.float32)
    out, pos = {}, 0
    for d, ss in zip(docs, sentences):
        out[d.id] = vecs[pos : pos + len(ss)]
        pos += len(ss)
    return out


def link_across(
    ids: Sequence[str],
    langs: Sequence[str],
    ledes: np.ndarray,
    documents,
    encoder,
    config: CorpusConfig,
    batch: int = 256,
) -> tuple[list[Candidate], list[Edge]]:
    """Candidates and verified edges across languages for a whole corpus: each document in another language
    than English is a query, its nearest documents in other languages its candidates.

    ``documents(ids)`` returns the stored documents (the executor's store); sentence vectors are computed
    for the candidates' documents only, a batch at a time.
    """
    queries = [i for i, lang in enumerate(langs) if foreign(lang)]
    if not queries:
        return [], []
    triples = translation_triples(
        [ids[i] for i in queries], [langs[i] for i in queries], ledes[queries], ids, langs, ledes, config
    )
    cands = translation_pairs(triples, config)
    needed = sorted({x for c in cands for x in (c.a, c.b)})
    vectors: dict[str, np.ndarray] = {}
    for start in range(0, len(needed), batch):
        vectors.update(sentence_vectors(documents(needed[start : start + batch]), encoder))
    edges = []
    for c in cands:
        e = verify_across(c.a, c.b, vectors[c.a], vectors[c.b], config)
        if e is not None:
            edges.append(e)
    return cands, edges
