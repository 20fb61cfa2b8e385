"""JSON output; its contract is schema.json next to this file (validated in the tests)."""

from __future__ import annotations

from pathlib import Path

from storydiff.records import Comparison

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def render_json(result: Comparison, indent: int | None = 2) -> str:
    return result.to_json(indent)
