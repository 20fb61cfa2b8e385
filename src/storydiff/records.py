"""The plain records every stage passes on; the JSON contract is made of these.

Offsets (``start``/``end``, spans) are character offsets into ``Document.text``: the decoded input for
plain text, the extracted text for HTML (the markup itself has no stable sentence offsets).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from storydiff.text.analysis import Analysis

SCHEMA_VERSION = "1"

Role = Literal["content", "headline", "byline", "caption", "boilerplate"]
Relation = Literal["identical", "stylistic", "paraphrase", "translation", "changed"]
"""``translation``: the two sides are in different languages and nothing that can be compared across them
differs (figures, dates, names, quotations)."""
ChangeType = Literal[
    "quote",
    "number",
    "date",
    "entity",
    "pronoun",
    "negation",
    "hedge",
    "attribution",
    "wording",
    "correction",
]
Severity = Literal["major", "minor"]

ROLES: tuple[str, ...] = get_args(Role)
RELATIONS: tuple[str, ...] = get_args(Relation)
CHANGE_TYPES: tuple[str, ...] = get_args(ChangeType)  # "correction": a note only one version carries
ALIGNED_TYPES = CHANGE_TYPES[:9]
"""The types a detector can give a change inside an aligned group; the models' features name these."""


@dataclass(frozen=True)
class Span:
    """A role hint for a stretch of ``Document.text`` that ingest knows more about (HTML title, author)."""

    start: int
    end: int
    role: Role


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    format: Literal["text", "html"] = "text"
    hints: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Sentence:
    id: int
    text: str
    start: int
    end: int
    role: Role = "content"
    # The language-analysis pass (text/analysis.py), set only when a stage asked for it; not in the JSON.
    analysis: Analysis | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Change:
    type: ChangeType
    severity: Severity
    a_text: str
    b_text: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    explanation: str
    confidence: float | None = None  # the change model's probability that this changes the meaning
    # What a detector knows from the whole documents, which the change model (one group at a time) does not:
    # "restated" (the other version states it: a rounding, a spelling, a name it also uses) or "new_fact"
    # (a value the other version never states). Read by storydiff.judge; not part of the JSON.
    evidence: str = ""

    def mirrored(self) -> Change:
        return Change(
            self.type,
            self.severity,
            self.b_text,
            self.a_text,
            self.b_span,
            self.a_span,
            self.explanation,
            self.confidence,
            self.evidence,
        )


ChunkRelation = Literal["same", "similar", "changed"]


@dataclass(frozen=True)
class ChunkPair:
    """Two phrases of an aligned group that say the same or the corresponding thing (align/chunks.py).

    ``same``: the same content words (their dictionary forms); ``changed``: a major change replaces words of
    one phrase by words of the other; ``similar``: the rest (a synonym, a phrase made more or less specific
    by an added detail, a related one). ``score`` is the
    alignment score that paired them (higher is closer).
    """

    a_text: str
    b_text: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    relation: ChunkRelation
    score: float


@dataclass(frozen=True)
class Alignment:
    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    similarity: float
    changes: tuple[Change, ...] = ()
    moved: bool = False
    chunks: tuple[ChunkPair, ...] = ()  # phrase by phrase, when compare was asked for it (chunks=True)

    @property
    def major(self) -> bool:
        return any(c.severity == "major" for c in self.changes)


@dataclass(frozen=True)
class LoneChange:
    """A change carried by a sentence only one side has (``classify/lone.py``)."""

    side: Literal["a", "b"]
    sentence: int
    change: Change


@dataclass(frozen=True)
class Side:
    source: str
    text: str
    format: str
    sentences: tuple[Sentence, ...]
    language: str = ""  # ISO 639-1 code from text.language ("und": undetermined; "": not detected)


@dataclass(frozen=True)
class Comparison:
    """The whole answer to "what changed between A and B"; ``to_dict`` is the published JSON."""

    a: Side
    b: Side
    alignments: tuple[Alignment, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    lone: tuple[LoneChange, ...] = ()  # what the unaligned content sentences add or drop

    @property
    def changes(self) -> list[tuple[Alignment, Change]]:
        """Every change, major first, then in reading order of A."""
        found = [(al, ch) for al in self.alignments for ch in al.changes]
        return sorted(found, key=lambda p: (p[1].severity != "major", p[1].a_span[0]))

    @property
    def all_changes(self) -> list[Change]:
        """The aligned groups' changes and the unaligned sentences', major first (aligned before lone)."""
        found = [c for _, c in self.changes] + [x.change for x in self.lone]
        return sorted(found, key=lambda c: c.severity != "major")  # stable: keeps the reading order

    def filtered(self, min_confidence: float) -> Comparison:
        """The same comparison without the changes the model is less sure of than ``min_confidence``.

        Changes without a confidence (the rules-only path) are kept; the summary's counts follow.
        """
        from collections import Counter
        from dataclasses import replace

        def keep(c: Change) -> bool:
            return c.confidence is None or c.confidence >= min_confidence

        alignments = tuple(replace(al, changes=tuple(filter(keep, al.changes))) for al in self.alignments)
        lone = tuple(x for x in self.lone if keep(x.change))
        changes = [c for al in alignments for c in al.changes] + [x.change for x in lone]
        summary = dict(self.summary)
        summary["major"] = sum(c.severity == "major" for c in changes)
        summary["minor"] = sum(c.severity == "minor" for c in changes)
        summary["change_types"] = dict(Counter(c.type for c in changes))
        summary["min_confidence"] = min_confidence
        return replace(self, alignments=alignments, summary=summary, lone=lone)

    def to_dict(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, Any]:
            return {
                "source": s.source,
                "format": s.format,
                "language": s.language,
                "text": s.text,
                "sentences": [
                    {"id": x.id, "text": x.text, "start": x.start, "end": x.end, "role": x.role}
                    for x in s.sentences
                ],
            }

        def change(c: Change) -> dict[str, Any]:
            return {
                "type": c.type,
                "severity": c.severity,
                "a_text": c.a_text,
                "b_text": c.b_text,
                "a_span": list(c.a_span),
                "b_span": list(c.b_span),
                "explanation": c.explanation,
                "confidence": c.confidence,
            }

        def chunk(x: ChunkPair) -> dict[str, Any]:
            return {
                "a_text": x.a_text,
                "b_text": x.b_text,
                "a_span": list(x.a_span),
                "b_span": list(x.b_span),
                "relation": x.relation,
                "score": round(x.score, 4),
            }

        return {
            "schema_version": SCHEMA_VERSION,
            "a": side(self.a),
            "b": side(self.b),
            "alignments": [
                {
                    "a": list(al.a),
                    "b": list(al.b),
                    "relation": al.relation,
                    "similarity": round(al.similarity, 4),
                    "moved": al.moved,
                    "changes": [change(c) for c in al.changes],
                    "chunks": [chunk(x) for x in al.chunks],
                }
                for al in self.alignments
            ],
            "only_a": list(self.only_a),
            "only_b": list(self.only_b),
            "unaligned_changes": [
                {"side": x.side, "sentence": x.sentence, **change(x.change)} for x in self.lone
            ],
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comparison:
        """The inverse of ``to_dict`` (a stored comparison read back; ``Change.evidence`` is not kept)."""

        def side(x: dict[str, Any]) -> Side:
            sentences = tuple(
                Sentence(s["id"], s["text"], s["start"], s["end"], s["role"]) for s in x["sentences"]
            )
            return Side(
                x["source"], x.get("text", ""), x.get("format", "text"), sentences, x.get("language", "")
            )

        def change(c: dict[str, Any]) -> Change:
            return Change(
                c["type"],
                c["severity"],
                c["a_text"],
                c["b_text"],
                (c["a_span"][0], c["a_span"][1]),
                (c["b_span"][0], c["b_span"][1]),
                c["explanation"],
                c.get("confidence"),
            )

        alignments = tuple(
            Alignment(
                tuple(al["a"]),
                tuple(al["b"]),
                al["relation"],
                al["similarity"],
                tuple(change(c) for c in al["changes"]),
                al["moved"],
                tuple(
                    ChunkPair(
                        x["a_text"],
                        x["b_text"],
                        (x["a_span"][0], x["a_span"][1]),
                        (x["b_span"][0], x["b_span"][1]),
                        x["relation"],
                        x["score"],
                    )
                    for x in al.get("chunks", ())
                ),
            )
            for al in d["alignments"]
        )
        lone = tuple(LoneChange(x["side"], x["sentence"], change(x)) for x in d.get("unaligned_changes", ()))
        return cls(
            side(d["a"]), side(d["b"]), alignments, tuple(d["only_a"]), tuple(d["only_b"]), d["summary"], lone
        )


# --- corpus records: documents in a collection, and what the corpus pipeline derives from them -------------


@dataclass(frozen=True)
class CorpusDoc:
    """One document of a collection: its stable id, the decoded ``Document``, and what the source knows."""

    id: str
    doc: Document
    date: str | None = None  # ISO 8601 when the source gives one
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A pair worth verifying; ``a < b`` always, so a pair has one spelling whichever engine found it."""

    a: str
    b: str
    via: str  # "minhash" or "embedding"


@dataclass(frozen=True)
class Edge:
    """A verified pair: the share of each side's content sentences that found a match on the other side."""

    a: str
    b: str
    coverage_a: float
    coverage_b: float
    similarity: float
    # content sentences of each side with no verbatim counterpart (same normalised words) on the other: the
    # derivation tree's distance, since every copying step adds to it (None: a store from before it existed)
    only_a: int | None = None
    only_b: int | None = None


@dataclass(frozen=True)
class Story:
    id: str
    members: tuple[str, ...]
    original: str
    divergence: float  # 1 - mean sentence coverage over the story's edges: 0 for exact copies
    earliest: str | None = None
    tree: tuple[Derivation, ...] = ()  # one per member, in member order; the root is ``original``
    languages: tuple[str, ...] = ()  # each member's language, in member order (empty: not known)


@dataclass(frozen=True)
class Marks:
    """What a version carries that tells when it was made: read once at indexing, stored with the document."""

    furniture: int = 0  # captions and footers ("Leave a Comment", agency credits): scrapers add them
    correction: bool = False  # a correction note: made after the text it corrects
    headline: bool = False  # plain-text copies often lose the headline


@dataclass(frozen=True)
class Derivation:
    """One version's place in its story's derivation tree: its most likely parent, why, and how sure."""

    id: str
    parent: str | None  # None for the root, the likely original
    confidence: float  # 0.5: a coin flip between this parent (or root) and the next best; near 1: clear
    evidence: tuple[str, ...]
    depth: int = 0
