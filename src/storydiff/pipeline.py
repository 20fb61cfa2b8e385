"""compare(): the pipeline from two inputs to a ``Comparison``, stage by stage."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import numpy as np

from storydiff import ingest, text
from storydiff.align import align
from storydiff.align.chunks import align_chunks
from storydiff.classify import classify, lone, translation
from storydiff.classify.verdict import verdict
from storydiff.embed import Encoder, default_encoder, multilingual_encoder
from storydiff.errors import InputError
from storydiff.judge import judge_alone
from storydiff.records import Alignment, Comparison, Document, LoneChange, Side
from storydiff.text import analysis, language

Input = str | bytes | os.PathLike | Document


def load(x: Input, name: str) -> Document:
    """A ``Document`` from a path (``Path``), raw bytes, a text/HTML string, or a ``Document``."""
    if isinstance(x, Document):
        return x
    if isinstance(x, os.PathLike):
        return ingest.read(Path(x))
    if isinstance(x, bytes):
        return ingest.from_bytes(x, name)
    return ingest.from_text(x, name)


def compare(
    a: Input,
    b: Input,
    *,
    encoder: Encoder | None = None,
    rules_only: bool = False,
    max_sentences: int | None = None,
    chunks: bool = False,
) -> Comparison:
    """Align two versions of a story and explain every difference.

    Strings are taken as the text itself (plain or HTML); pass a ``pathlib.Path`` to read a file.
    ``rules_only`` skips the change model (the typed detectors' own severities; for benchmarks).
    ``max_sentences`` refuses a version with more sentences, before any model runs (alignment is
    quadratic in sentences: a 60,000-sentence input took minutes).

    Each version's language is detected (``text.language``). Two English versions go through MiniLM, the
    typed detectors and the change model; a version in another language is embedded with the multilingual
    encoder, and when the languages differ, only what survives translation is compared
    (``classify.translation``). The change model is English-only: other languages keep the rules.
    ``encoder`` replaces whichever encoder would be chosen.

    ``chunks`` adds the phrase-by-phrase alignment of each group (``Alignment.chunks``; English only). It
    runs the language-analysis pass (``text.analysis``), whose model loads once per process (~1 s).
    """
    doc_a, doc_b = load(a, "A"), load(b, "B")
    lang_a, lang_b = language.of_pair(doc_a.text, doc_b.text)
    across = lang_a.code != lang_b.code and "und" not in (lang_a.code, lang_b.code)
    english = {lang_a.code, lang_b.code} <= {"en", "und"}
    enc = encoder or (default_encoder() if english else multilingual_encoder())
    rules_only = rules_only or not english
    sa, sb = text.sentences(doc_a), text.sentences(doc_b)
    for doc, found in ((doc_a, sa), (doc_b, sb)):
        if max_sentences is not None and len(found) > max_sentences:
            raise InputError(
                f"{doc.source}: {len(found):,} sentences, more than the limit of {max_sentences:,}"
                " (--max-sentences)"
            )
    wanted_chunks, chunks = chunks, chunks and english
    if chunks:
        sa, sb = analysis.analyse(sa), analysis.analyse(sb)
    vectors = enc.encode([s.text for s in sa] + [s.text for s in sb]) if sa or sb else np.zeros((0, 1))
    va, vb = vectors[: len(sa)], vectors[len(sa) :]
    uncovered = across and not (_covered(lang_a) and _covered(lang_b))
    result = align(sa, sb, va, vb, crosslingual=across, in_order=uncovered)

    alignments, cosines = [], []
    for g in result.groups:
        cosines.append(group_cosine(va, vb, g.a, g.b))
        ga, gb = [sa[i] for i in g.a], [sb[j] for j in g.b]
        if across:
            relation, changes = translation.classify(
                doc_a.text,
                doc_b.text,
                ga,
                gb,
                lang_a.code,
                lang_b.code,
                similar=lambda x, y: _cosines(enc, x, y),
            )
        else:
            relation, changes = classify(doc_a.text, doc_b.text, ga, gb, cosines[-1], rules_only)
        pairs = align_chunks(ga, gb, changes) if chunks else ()
        alignments.append(Alignment(g.a, g.b, relation, g.similarity, changes, g.moved, pairs))
    side_a = Side(doc_a.source, doc_a.text, doc_a.format, sa, lang_a.code)
    side_b = Side(doc_b.source, doc_b.text, doc_b.format, sb, lang_b.code)
    if across:
        found_lone = [
            ("a", lone.detect_across("a", sa, result.only_a, lang_a.code, lang_b.code)),
            ("b", lone.detect_across("b", sb, result.only_b, lang_b.code, lang_a.code)),
        ]
    else:
        found_lone = [
            ("a", lone.detect("a", sa, result.only_a, doc_b.text)),
            ("b", lone.detect("b", sb, result.only_b, doc_a.text)),
        ]
    if not rules_only:  # English: the change model gives each a confidence too
        sides = {"a": sa, "b": sb}
        found_lone = [
            (side, [(i, judge_alone(doc_a.text, doc_b.text, side, sides[side][i], c)) for i, c in found])
            for side, found in found_lone
        ]
    lone_changes = tuple(LoneChange(side, i, c) for side, found in found_lone for i, c in found)
    summary = summarise(side_a, side_b, alignments, result.only_a, result.only_b, lone_changes)
    summary["languages"] = {"a": lang_a.code, "b": lang_b.code}
    summary["encoder"] = getattr(enc, "name", type(enc).__name__)
    notes = _language_notes(lang_a, lang_b, across, english)
    if wanted_chunks and not chunks:
        notes.append("phrase alignment (chunks) is English-only: not computed")
    if notes:
        summary["language_notes"] = notes
    content_a = [i for i, s in enumerate(sa) if s.role == "content"] or list(range(len(sa)))
    content_b = [j for j, s in enumerate(sb) if s.role == "content"] or list(range(len(sb)))
    summary["content_cosine"] = group_cosine(va, vb, content_a, content_b) if sa and sb else 0.0
    comparison = Comparison(
        side_a, side_b, tuple(alignments), result.only_a, result.only_b, summary, lone_changes
    )
    found = verdict(comparison, cosines, summary["content_cosine"]) if english else None
    if found is not None:
        summary["msrp_verdict"] = found
    return comparison


def _cosines(enc: Encoder, x: list[str], y: list[str]) -> np.ndarray:
    vx, vy = enc.encode(x), enc.encode(y)
    return vx @ vy.T


def _covered(lang) -> bool:
    return lang.covered or lang.code == "und"


def _language_notes(lang_a, lang_b, across: bool, english: bool) -> list[str]:
    """What the reader must know about the languages: never pretend an uncovered language aligns."""
    notes = []
    if not english:
        for lang in {lang_a, lang_b}:
            if lang.code != "und" and not lang.covered:
                notes.append(
                    f"{lang.name} is not among the multilingual encoder's languages: its sentences are"
                    " aligned in document order, and that alignment is less reliable (moves are not seen)"
                )
        notes.append("the change model is English-only: changes are judged by rules")
    if across:
        missing = translation.comparable(lang_a.code, lang_b.code)
        notes.append(
            f"{lang_a.name} and {lang_b.name}: figures, dates, names and quotations are compared;"
            f" not compared across the languages: {', '.join(missing)}"
        )
    return sorted(notes)


def group_cosine(va: np.ndarray, vb: np.ndarray, ga, gb) -> float:
    ea, eb = va[list(ga)].sum(axis=0), vb[list(gb)].sum(axis=0)
    return round(float(ea @ eb / max(np.linalg.norm(ea) * np.linalg.norm(eb), 1e-12)), 6)


def summarise(a: Side, b: Side, alignments: list[Alignment], only_a, only_b, lone_changes=()) -> dict:
    changes = [c for al in alignments for c in al.changes] + [x.change for x in lone_changes]
    return {
        "sentences_a": len(a.sentences),
        "sentences_b": len(b.sentences),
        "relations": dict(Counter(al.relation for al in alignments)),
        "major": sum(c.severity == "major" for c in changes),
        "minor": sum(c.severity == "minor" for c in changes),
        "change_types": dict(Counter(c.type for c in changes)),
        "moved": sum(al.moved for al in alignments),
        "merges_splits": sum(len(al.a) > 1 or len(al.b) > 1 for al in alignments),
        "only_a_roles": dict(Counter(a.sentences[i].role for i in only_a)),
        "only_b_roles": dict(Counter(b.sentences[j].role for j in only_b)),
    }
