"""HTML to text with the headline and byline kept as such (trafilatura finds the main text)."""

from __future__ import annotations

import re

from storydiff.errors import InputError
from storydiff.records import Document, Span

_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<!--)", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def extract(html: str, source: str) -> Document:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
        doc = found.as_dict() if found is not None else None
    except Exception as exc:  # trafilatura raises many lxml errors on hostile markup
        raise InputError(f"{source}: cannot parse the HTML ({exc.__class__.__name__})") from exc
    if not doc or not (doc.get("text") or "").strip():
        raise InputError(f"{source}: the HTML has no article text")
    parts: list[tuple[str, str | None]] = []
    title = (doc.get("title") or "").strip()
    author = (doc.get("author") or "").strip()
    body = doc["text"].strip()
    if title and body.startswith(title + "\n"):
        body = body[len(title) :].lstrip("\n")  # the <h1> came through as the first line of the body
    if title:
        parts.append((title, "headline"))
    if author and author.lower() not in body[:300].lower():
        parts.append((f"By {author}", "byline"))
    parts.append((body, None))
    text, hints, pos = "", [], 0
    for chunk, role in parts:
        if text:
            text += "\n\n"
            pos += 2
        if role:
            hints.append(Span(pos, pos + len(chunk), role))
        text += chunk
        pos += len(chunk)
    return Document(source=source, text=text, format="html", hints=tuple(hints))
