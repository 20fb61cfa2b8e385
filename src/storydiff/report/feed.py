"""Atom feeds of changes (RFC 4287): one entry per version of a story or per step of a URL's history.

What users of change trackers ask for most is the change itself in the reader, not a link to it: each entry's
content is the typed major changes with both texts, then the count of minor ones. Written with the standard
library's ElementTree, which escapes every character of the input (the entry HTML is escaped once more, as
Atom's ``type="html"`` requires); the tests read the feeds back with feedparser.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from html import escape

from storydiff.records import Comparison

ATOM = "http://www.w3.org/2005/Atom"


def _id(*parts: str) -> str:
    """A stable entry id: the same story, version and parent always give the same URN."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "storydiff:" + "\x1f".join(parts)).urn


def _stamp(date: str | None, fallback: str) -> str:
    if not date:
        return fallback
    try:
        d = datetime.fromisoformat(date)
    except ValueError:
        return fallback
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def changes_html(c: Comparison) -> str:
    """The major changes with both texts, then how many minor ones: an entry's content."""
    found = c.all_changes
    major = [ch for ch in found if ch.severity == "major"]
    minor = len(found) - len(major)
    parts = []
    for ch in major:
        parts.append(
            f"<p><b>{escape(ch.type)}</b>: {escape(ch.explanation)}</p>"
            f"<p>before: <del>{escape(ch.a_text) or '(nothing)'}</del><br/>"
            f"after: <ins>{escape(ch.b_text) or '(nothing)'}</ins></p>"
        )
    if not major:
        parts.append("<p>No change of meaning.</p>")
    if minor:
        parts.append(f"<p>and {minor} minor change{'s' if minor != 1 else ''}</p>")
    return "".join(parts)


def _title_of(c: Comparison | None) -> str:
    if c is None:
        return "unchanged"
    s = c.summary
    types = ", ".join(sorted({ch.type for ch in c.all_changes if ch.severity == "major"}))
    return f"{s['major']} major, {s['minor']} minor" + (f": {types}" if types else "")


def _feed(feed_id: str, title: str, updated: str, link: str | None) -> ET.Element:
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "id").text = feed_id
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "updated").text = updated
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = "storydiff"
    ET.SubElement(feed, "generator").text = "storydiff"
    if link:
        ET.SubElement(feed, "link", rel="self", href=link)
    return feed


def _entry(feed: ET.Element, entry_id: str, title: str, updated: str, html: str, link: str | None) -> None:
    e = ET.SubElement(feed, "entry")
    ET.SubElement(e, "id").text = entry_id
    ET.SubElement(e, "title").text = title
    ET.SubElement(e, "updated").text = updated
    if link:
        ET.SubElement(e, "link", rel="alternate", href=link)
    ET.SubElement(e, "content", type="html").text = html


def _text(feed: ET.Element) -> str:
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def story_feed(report, *, link: str | None = None, entry_link=None) -> str:
    """One entry per version that has a parent: what it changed from the version it was copied from."""
    s = report.story
    now = _now()
    dated = [_stamp(report.dates.get(m), now) for m in s.members if report.dates.get(m)]
    title = report.titles.get(s.original) or s.original
    feed = _feed(_id("story", s.id), f"storydiff: changes in {title}", max(dated, default=now), link)
    tree = sorted(
        (d for d in s.tree if d.parent is not None), key=lambda d: (report.dates.get(d.id) or "", d.id)
    )
    for d in reversed(tree):  # newest first, as readers expect
        c = report.comparisons.get(d.id)
        html = (
            f"<p>{escape(d.id)}, copied from {escape(d.parent)} "
            f"(confidence {d.confidence:.2f}: {escape('; '.join(d.evidence))})</p>"
            + (changes_html(c) if c is not None else "")
        )
        _entry(
            feed,
            _id("story", s.id, d.id, d.parent),
            f"{d.id}: {_title_of(c)}",
            _stamp(report.dates.get(d.id), now),
            html,
            entry_link(d.id) if entry_link else None,
        )
    return _text(feed)


def history_feed(history, *, link: str | None = None) -> str:
    """One entry per capture of a URL that changed its text: the change from the capture before it."""
    now = _now()
    steps = [s for s in history.steps if s.previous is not None and not s.unchanged]
    stamps = [_stamp(s.date, now) for s in history.steps if s.date]
    feed = _feed(
        _id("url", history.url), f"storydiff: changes at {history.url}", max(stamps, default=now), link
    )
    for s in reversed(steps):
        html = f"<p>{escape(s.id)}, since {escape(s.previous)}</p>" + (
            changes_html(s.comparison) if s.comparison is not None else ""
        )
        _entry(
            feed,
            _id("url", history.url, s.id),
            f"{s.date or s.id}: {_title_of(s.comparison)}",
            _stamp(s.date, now),
            html,
            history.url,
        )
    return _text(feed)
