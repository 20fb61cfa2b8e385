"""The plain records every stage passes on; the JSON contract is made of these.

Offsets (``start``/``end``, spans) are character offsets into ``Document.text``: the decoded input for
plain text, the extracted text for HTML (the markup itself has no stable sentence offsets).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1"

Role = Literal["content", "headline", "byline", "caption", "boilerplate"]
Relation = Literal["identical", "stylistic", "paraphrase", "changed"]
ChangeType = Literal[
    "quote", "number", "date", "entity", "pronoun", "negation", "hedge", "attribution", "wording"
]
Severity = Literal["major", "minor"]

ROLES: tuple[str, ...] = ("content", "headline", "byline", "caption", "boilerplate")
RELATIONS: tuple[str, ...] = ("identical", "stylistic", "paraphrase", "changed")
CHANGE_TYPES: tuple[str, ...] = (
    "quote",
    "number",
    "date",
    "entity",
    "pronoun",
    "negation",
    "hedge",
    "attribution",
    "wording",
)


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


@dataclass(frozen=True)
class Change:
    type: ChangeType
    severity: Severity
    a_text: str
    b_text: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    explanation: str

    def mirrored(self) -> Change:
        return Change(
            self.type, self.severity, self.b_text, self.a_text, self.b_span, self.a_span, self.explanation
        )


@dataclass(frozen=True)
class Alignment:
    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    similarity: float
    changes: tuple[Change, ...] = ()
    moved: bool = False

    @property
    def major(self) -> bool:
        return any(c.severity == "major" for c in self.changes)


@dataclass(frozen=True)
class Side:
    source: str
    text: str
    format: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Comparison:
    """The whole answer to "what changed between A and B"; ``to_dict`` is the published JSON."""

    a: Side
    b: Side
    alignments: tuple[Alignment, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> list[tuple[Alignment, Change]]:
        """Every change, major first, then in reading order of A."""
        found = [(al, ch) for al in self.alignments for ch in al.changes]
        return sorted(found, key=lambda p: (p[1].severity != "major", p[1].a_span[0]))

    def to_dict(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, Any]:
            return {
                "source": s.source,
                "format": s.format,
                "text": s.text,
                "sentences": [
                    {"id": x.id, "text": x.text, "start": x.start, "end": x.end, "role": x.role}
                    for x in s.sentences
                ],
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
                    "changes": [
                        {
                            "type": c.type,
                            "severity": c.severity,
                            "a_text": c.a_text,
                            "b_text": c.b_text,
                            "a_span": list(c.a_span),
                            "b_span": list(c.b_span),
                            "explanation": c.explanation,
                        }
                        for c in al.changes
                    ],
                }
                for al in self.alignments
            ],
            "only_a": list(self.only_a),
            "only_b": list(self.only_b),
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


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


@dataclass(frozen=True)
class Story:
    id: str
    members: tuple[str, ...]
    original: str
    divergence: float  # 1 - mean sentence coverage over the story's edges: 0 for exact copies
    earliest: str | None = None
