"""difflib made symmetric: SequenceMatcher(a, b) and SequenceMatcher(b, a) can pick different matching
blocks, which would make compare(A, B) and compare(B, A) disagree. Both orders run in one canonical order."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher


def opcodes(x: Sequence[str], y: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    swap = list(y) < list(x)
    sm = SequenceMatcher(None, y if swap else x, x if swap else y, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if swap:
            op = {"insert": "delete", "delete": "insert"}.get(op, op)
            i1, i2, j1, j2 = j1, j2, i1, i2
        out.append((op, i1, i2, j1, j2))
    return out


def ratio(x: Sequence[str], y: Sequence[str]) -> float:
    swap = list(y) < list(x)
    return SequenceMatcher(None, y if swap else x, x if swap else y, autojunk=False).ratio()
