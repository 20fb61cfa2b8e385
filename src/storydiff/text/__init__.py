"""Text: a ``Document`` becomes sentences with offsets into its text and a role each."""

from __future__ import annotations

import re

from storydiff.records import Document, Sentence
from storydiff.text.roles import paragraph_role
from storydiff.text.sentences import split

__all__ = ["sentences", "shorten"]


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for one-line explanations and listings."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentences(doc: Document) -> tuple[Sentence, ...]:
    """Split ``doc`` into sentences; non-content paragraphs (captions, footers...) stay whole."""
    paragraphs = [m for m in re.finditer(r"[^\n]+", doc.text) if m.group().strip()]
    out: list[Sentence] = []
    for index, para in enumerate(paragraphs):
        role = _hinted_role(doc, para.start(), para.end()) or paragraph_role(
            para.group(), index, len(paragraphs)
        )
        if role == "content":
            spans = [(para.start() + s, para.start() + e) for s, e in split(para.group())]
        else:
            s, e = para.span()
            spans = [
                (
                    s + len(para.group()) - len(para.group().lstrip()),
                    e - (len(para.group()) - len(para.group().rstrip())),
                )
            ]
        base = len(out)
        out.extend(Sentence(base + k, doc.text[s:e], s, e, role) for k, (s, e) in enumerate(spans))
    return tuple(out)


def _hinted_role(doc: Document, start: int, end: int):
    for hint in doc.hints:
        if hint.start <= start and end <= hint.end:
            return hint.role
    return None
