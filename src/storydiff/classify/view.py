"""What every change detector looks at: the two sides' tokens, their quotes, and the word diff."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storydiff.records import Sentence
from storydiff.text.diff import opcodes
from storydiff.text.tokens import ARTICLES, HONORIFICS, STOPWORDS, Token, tokenize

_QUOTE = re.compile(r"“([^”]{1,2000})”|\"([^\"]{1,2000})\"|(?<![\w’'])‘([^’]{1,500})’(?!\w)")


@dataclass(frozen=True)
class Hunk:
    """One stretch where the word sequences differ; an empty side is an insertion or deletion."""

    a: tuple[Token, ...]
    b: tuple[Token, ...]
    a_at: int  # character offset where the A side is (or would be) for empty sides
    b_at: int

    @property
    def a_span(self) -> tuple[int, int]:
        return (self.a[0].start, self.a[-1].end) if self.a else (self.a_at, self.a_at)

    @property
    def b_span(self) -> tuple[int, int]:
        return (self.b[0].start, self.b[-1].end) if self.b else (self.b_at, self.b_at)

    def text(self, side: str, doc: str) -> str:
        s, e = self.a_span if side == "a" else self.b_span
        return doc[s:e]


@dataclass
class View:
    a_doc: str
    b_doc: str
    a: list[Token]
    b: list[Token]
    a_quotes: list[tuple[int, int]]
    b_quotes: list[tuple[int, int]]
    hunks: list[Hunk] = field(default_factory=list)

    _facts: dict = field(default_factory=dict, repr=False)

    def facts(self, kind, side: str) -> list:
        """``kind(tokens)`` (numbers or dates) over one side's unquoted tokens, computed once per view."""
        key = (kind.__name__, side)
        if key not in self._facts:
            self._facts[key] = kind(self.outside_quotes(self.a if side == "a" else self.b, side))
        return self._facts[key]

    def outside_quotes(self, tokens, side: str) -> list[Token]:
        quotes = self.a_quotes if side == "a" else self.b_quotes
        return [t for t in tokens if not any(s <= t.start and t.end <= e for s, e in quotes)]


def build_view(a_doc: str, b_doc: str, a: list[Sentence], b: list[Sentence]) -> View:
    # Honorifics are left out of the diff: "Mr Putin" / "Putin" is house style, not a difference.
    ta = [t for s in a for t in tokenize(s.text, s.start) if t.norm not in HONORIFICS]
    tb = [t for s in b for t in tokenize(s.text, s.start) if t.norm not in HONORIFICS]
    view = View(a_doc, b_doc, ta, tb, _quotes(a), _quotes(b))
    for op, i1, i2, j1, j2 in opcodes([t.norm for t in ta], [t.norm for t in tb]):
        if op == "equal":
            continue
        a_at = ta[i1 - 1].end if i1 > 0 else (a[0].start if a else 0)
        b_at = tb[j1 - 1].end if j1 > 0 else (b[0].start if b else 0)
        view.hunks.append(Hunk(tuple(ta[i1:i2]), tuple(tb[j1:j2]), a_at, b_at))
    return view


def _quotes(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Character spans of quoted words (inside the marks)."""
    out = []
    for s in sentences:
        for m in _QUOTE.finditer(s.text):
            g = next(i for i in (1, 2, 3) if m.group(i) is not None)
            start, end = m.start(g), m.end(g)
            while end > start and s.text[end - 1] in " ,.;:!?":
                end -= 1
            out.append((s.start + start, s.start + end))
    return out


def is_light(tokens) -> bool:
    """Only words that never carry the story: articles and honorifics ("the aide", "Mr Putin")."""
    return all(t.norm in ARTICLES or t.norm in HONORIFICS for t in tokens)


def is_content(token: Token) -> bool:
    return token.norm not in STOPWORDS and token.norm not in HONORIFICS


def content(tokens) -> list[Token]:
    return [t for t in tokens if is_content(t)]
