"""Ingest: whatever the user points at (a path, ``-``, bytes, a string) becomes a ``Document``."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from storydiff.errors import InputError
from storydiff.ingest.decode import decode
from storydiff.ingest.html import extract, looks_like_html
from storydiff.records import Document

MAX_BYTES = 5_000_000
"""Larger inputs are refused: a news story is far smaller, and alignment is quadratic in sentences."""

__all__ = ["MAX_BYTES", "from_bytes", "from_text", "read"]


def read(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Document:
    """Read a file, or standard input for ``-``."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return from_bytes(data, "<stdin>", max_bytes)
    p = Path(name)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, not a file")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
    return from_bytes(data, name, max_bytes)


def from_bytes(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        raise InputError(f"{source}: larger than {max_bytes:,} bytes; not a news story?")
    if not data.strip():
        raise InputError(f"{source}: is empty")
    return from_text(decode(data, source), source)


def from_text(text: str, source: str = "<text>") -> Document:
    """Plain text or HTML given as a string (the Python API and the web form come in here)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: is empty")
    if looks_like_html(text):
        return extract(text, source)
    return Document(source=source, text=unwrap(text))


_WRAP_BREAK = re.compile(r"(?<=\S)\n(?=\S)")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (wire copy, e-mail) so that a newline means a paragraph again.

    Only a single newline between two non-space characters becomes a space; blank lines and indented lines
    still start paragraphs. The length is unchanged, so offsets stay valid. Applied only when the text looks
    wrapped: most lines short and many of them ending mid-sentence.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return text
    short = sum(len(ln) <= 80 for ln in lines) / len(lines)
    open_ended = sum(
        not ln.rstrip().endswith((".", "!", "?", '"', "'", ":", "\u201d", "。", "！", "？", "」", "』"))
        for ln in lines
    ) / len(lines)
    if short < 0.9 or open_ended < 0.4:
        return text
    return _WRAP_BREAK.sub(" ", text)
