"""Chunk alignment: inside an aligned group, which phrase of A corresponds to which phrase of B.

Sentence alignment says *which* sentences are versions of each other and the typed changes say *what*
changed; a reader (and the interpretable-STS task) also wants the phrase-by-phrase correspondence:
"the new health law" / "the healthcare reform", "was arrested" / "has been detained". Phrases come from the
analysis pass (``text/analysis.py``). Each pair of content phrases is scored by the larger of

- the cosine of their static MiniLM vectors (paraphrase: "kills" / "killed", "five" / "5"), and
- the Dice overlap of their content words' dictionary forms plus ``LEXICAL_BONUS`` (a shared word is
  stronger evidence than any cosine),

and pairs are taken greedily, best first, one-to-one, while the score reaches ``MIN_SCORE``. A word diff
(difflib, redlines) pairs only identical words in order; this pairs phrases in any order, synonyms too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydiff.embed import Encoder, static_encoder
from storydiff.records import Change, ChunkPair, Sentence
from storydiff.text.analysis import Word

__all__ = ["align_chunks"]

MIN_SCORE = 0.4
"""Chosen on the iSTS headlines *train* split (token-pair F1 0.781-0.783 for 0.3-0.5; flat there)."""
LEXICAL_BONUS = 0.5


def align_chunks(
    ga: Sequence[Sentence],
    gb: Sequence[Sentence],
    changes: Sequence[Change] = (),
    encoder: Encoder | None = None,
) -> tuple[ChunkPair, ...]:
    """Phrase pairs of one aligned group (analysed sentences), in A's reading order."""
    pa, pb = _phrases(ga), _phrases(gb)
    if not pa or not pb:
        return ()
    enc = encoder or static_encoder()
    va, vb = enc.encode([_text(p) for p in pa]), enc.encode([_text(p) for p in pb])
    score = np.asarray(va @ vb.T, dtype=np.float64)
    forms_a, forms_b = [_forms(p) for p in pa], [_forms(p) for p in pb]
    for i, fa in enumerate(forms_a):
        for j, fb in enumerate(forms_b):
            shared = len(fa & fb)
            if shared:
                score[i, j] = max(score[i, j], 2 * shared / (len(fa) + len(fb)) + LEXICAL_BONUS)
    pairs, used_a, used_b = [], set(), set()
    for flat in np.argsort(-score, axis=None, kind="stable"):
        i, j = divmod(int(flat), score.shape[1])
        if score[i, j] < MIN_SCORE:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    major = [c for c in changes if c.severity == "major"]
    out = []
    for i, j in sorted(pairs):
        a_span, b_span = _span(pa[i]), _span(pb[j])
        if forms_a[i] == forms_b[j] or _synonyms(forms_a[i], forms_b[j]):
            relation = "same"
        elif any(_overlaps(c.a_span, a_span) and _overlaps(c.b_span, b_span) for c in major):
            relation = "changed"
        else:
            relation = "similar"
        out.append(ChunkPair(_text(pa[i]), _text(pb[j]), a_span, b_span, relation, float(score[i, j])))
    return tuple(out)


def _phrases(group: Sequence[Sentence]) -> list[tuple[Word, ...]]:
    out = []
    for s in group:
        if s.analysis is None:
            raise ValueError("align_chunks needs analysed sentences (text.analysis.analyse)")
        words = s.analysis.words
        for start, end in s.analysis.chunks:
            phrase = words[start:end]
            if any(w.content for w in phrase):
                out.append(phrase)
    return out


def _text(phrase: tuple[Word, ...]) -> str:
    out = phrase[0].text
    for prev, w in zip(phrase, phrase[1:]):
        out += (" " if w.start > prev.end else "") + w.text
    return out


def _forms(phrase: tuple[Word, ...]) -> frozenset[str]:
    return frozenset(w.lemma for w in phrase if w.content)


def _synonyms(fa: frozenset[str], fb: frozenset[str]) -> bool:
    """The words that differ pair up as WordNet synonyms in some sense ("bought" / "purchased", "kids" /
    "children"): one meaning, said in other words."""
    from storydiff.judge.lexicon import lexicon

    only_a, only_b = sorted(fa - fb), sorted(fb - fa)
    if not only_a or len(only_a) != len(only_b):
        return False
    lex = lexicon()

    def senses(word: str) -> set[int]:
        return {s for base in lex.bases(word) for s in lex.synsets(base)}

    return all(senses(x) & senses(y) for x, y in zip(only_a, only_b))


def _span(phrase: tuple[Word, ...]) -> tuple[int, int]:
    return phrase[0].start, phrase[-1].end


def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Shared characters; an empty span (where a one-sided change would stand) shares none."""
    return x[0] < x[1] and x[0] < y[1] and y[0] < x[1]
