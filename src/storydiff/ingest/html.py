"""HTML to text with the headline and byline kept as such (trafilatura finds the main text)."""

from __future__ import annotations

import re

from storydiff.errors import InputError
from storydiff.records import Document, Span

_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<!--)", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


_SCRIPT = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def _as_written(author: str, html: str) -> str:
    """trafilatura joins authors with "; " ("Miriam Okafor; Local Democracy Reporter"): find the byline as
    the page wrote it (a comma, "and", "&"), else keep trafilatura's."""
    parts = [p.strip() for p in author.split(";") if p.strip()]
    if len(parts) < 2:
        return author
    glue = r"\s*(?:,|;|\band\b|&amp;|&)\s*"
    m = re.search(glue.join(re.escape(p) for p in parts), html)
    return m.group() if m else author


def extract(html: str, source: str) -> Document:
    import trafilatura

    # Script and style contents are never text: without this, "<h1>Barrier <script>x</script> approved"
    # became the headline "Barrier x approved".
    html = _SCRIPT.sub(" ", html)
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
    author = _as_written((doc.get("author") or "").strip(), html)
    body = doc["text"].strip()
    if title and re.match(re.escape(title) + r"(\s|$)", body):
        body = body[len(title) :].lstrip()  # the <h1> came through at the start of the body
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
