"""Report: a ``Comparison`` rendered for people (terminal, HTML) and programs (JSON)."""

from storydiff.report.html import render_html
from storydiff.report.json import SCHEMA_PATH, render_json
from storydiff.report.terminal import render_terminal

__all__ = ["SCHEMA_PATH", "render_html", "render_json", "render_terminal"]
