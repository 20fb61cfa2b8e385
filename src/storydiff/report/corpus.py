"""Corpus results for people (terminal, HTML) and programs (JSON dicts)."""

from __future__ import annotations

from html import escape
from typing import Any, TextIO

from storydiff.records import Comparison, Story


def _changes(c: Comparison | None) -> dict[str, Any] | None:
    if c is None:
        return None
    s = c.summary
    return {"major": s["major"], "minor": s["minor"], "change_types": s["change_types"]}


def match_dict(m) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "date": m.date,
        "story": m.story,
        "coverage_query": m.coverage_query,
        "coverage_match": m.coverage_match,
        "similarity": m.similarity,
        "language": m.language,
        "changes": _changes(m.comparison),
        "comparison": m.comparison.to_dict() if m.comparison else None,
    }


def story_dict(s: Story, titles: dict[str, str | None] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "size": len(s.members),
        "original": s.original,
        "earliest": s.earliest,
        "divergence": s.divergence,
        "members": list(s.members),
        "languages": list(s.languages),
    }
    if titles is not None:
        out["title"] = titles.get(s.original)
    out["tree"] = [
        {
            "id": d.id,
            "parent": d.parent,
            "depth": d.depth,
            "confidence": d.confidence,
            "evidence": list(d.evidence),
        }
        for d in s.tree
    ]
    return out


def story_report_dict(r) -> dict[str, Any]:
    d = story_dict(r.story, r.titles)
    d["versions"] = [
        {
            "id": m,
            "title": r.titles.get(m),
            "date": r.dates.get(m),
            "language": r.languages.get(m, "en"),
            "original": m == r.story.original,
            "parent": r.parent(m),
            "changes": _changes(r.comparisons.get(m)),
            "comparison": r.comparisons[m].to_dict() if m in r.comparisons else None,
        }
        for m in r.story.members
    ]
    return d


def _console(file: TextIO | None):
    from rich.console import Console

    return Console(file=file, highlight=False, emoji=False)


def render_index(report, file: TextIO | None = None) -> None:
    d = report.to_dict()
    c = _console(file)
    c.print(
        f"indexed {d['added']} new documents ({d['already_indexed']} already in the store, "
        f"{d['skipped']['count']} skipped); {d['documents']} documents, {d['stories']} stories "
        f"with two or more versions, {d['edges']} verified links",
        markup=False,
    )
    for why in d["skipped"]["examples"]:
        c.print(f"  skipped: {why}", markup=False)
    more = d["skipped"]["count"] - len(d["skipped"]["examples"])
    if more > 0:
        c.print(f"  ... and {more:,} more skipped", markup=False)


def _print_table(file: TextIO | None, empty: str, columns: tuple[str, ...], rows: list[list]) -> None:
    from rich.table import Table

    c = _console(file)
    if not rows:
        c.print(empty, markup=False)
        return
    t = Table(expand=True)
    for col in columns:
        t.add_column(col)
    for row in rows:
        t.add_row(*row)
    c.print(t)


def render_matches(matches, file: TextIO | None = None) -> None:
    from rich.text import Text

    rows = [
        [
            Text(m.id),
            Text(m.title or ""),
            m.language,
            f"{m.similarity:.2f}",
            f"{m.coverage_query:.0%} / {m.coverage_match:.0%}",
            Text(_line(m.comparison)),
        ]
        for m in matches
    ]
    columns = ("id", "title", "language", "similarity", "found here / there", "changes")
    _print_table(file, "no versions of this document in the store", columns, rows)


def render_stories(stories: list[Story], titles: dict, file: TextIO | None = None) -> None:
    from rich.text import Text

    rows = [
        [
            Text(s.id),
            str(len(s.members)),
            Text(f"{s.original}: {titles.get(s.original, (None,))[0] or ''}"),
            s.earliest or "-",
            f"{s.divergence:.2f}",
            ", ".join(sorted(set(s.languages))),
        ]
        for s in stories
    ]
    columns = ("story", "versions", "likely original", "earliest", "divergence", "languages")
    _print_table(file, "no story with two or more versions", columns, rows)


def thread_dict(t, titles: dict[str, str | None]) -> dict[str, Any]:
    return {
        "id": t.id,
        "size": len(t.stories),
        "documents": sum(len(s.members) for s in t.stories),
        "earliest": t.earliest,
        "title": titles.get(t.stories[0].original),
        "stories": [story_dict(s, titles) for s in t.stories],
    }


def render_threads(threads, titles: dict, file: TextIO | None = None) -> None:
    from rich.text import Text

    rows = [
        [
            Text(t.id),
            str(len(t.stories)),
            str(sum(len(s.members) for s in t.stories)),
            t.earliest or "-",
            Text("\n".join(titles.get(s.original, (None,))[0] or s.original for s in t.stories)),
        ]
        for t in threads
    ]
    columns = ("thread", "stories", "documents", "earliest", "its stories")
    _print_table(file, "no thread of two or more stories", columns, rows)


def render_story(r, file: TextIO | None = None, *, tree: bool = False) -> None:
    """The story's versions (each with its parent and what it changed); ``tree`` draws the derivation tree."""
    from rich.text import Text

    c = _console(file)
    s = r.story
    c.print(
        Text.assemble(
            ("story ", "bold"), s.id, f"  ({len(s.members)} versions, divergence {s.divergence:.2f})"
        )
    )
    if tree:
        for d, prefix in _walk(s):
            tag = "likely original" if d.parent is None else _line(r.comparisons.get(d.id))
            c.print(Text.assemble(prefix, (d.id, "bold"), f"  {r.dates.get(d.id) or ''}  [{tag}]"))
            c.print(
                Text(" " * (len(prefix) + 2) + f"confidence {d.confidence:.2f}: " + "; ".join(d.evidence))
            )
        return
    for d in s.tree:
        tag = "likely original" if d.parent is None else f"from {d.parent}: {_line(r.comparisons.get(d.id))}"
        lang = r.languages.get(d.id, "en")
        c.print(Text(f"  {d.id}  {lang}  {r.dates.get(d.id) or ''}  {r.titles.get(d.id) or ''}  [{tag}]"))


def _children(s: Story) -> dict[str | None, list]:
    kids: dict[str | None, list] = {}
    for d in s.tree:
        kids.setdefault(d.parent, []).append(d)
    return kids


def _walk(s: Story) -> list[tuple]:
    """The tree depth first from its root, children in id order, each with its drawing prefix.

    Iterative: the history of a live page can be a chain thousands of versions deep.
    """
    kids = _children(s)
    out = []
    stack = [(d, "", True, True) for d in reversed(kids.get(None, []))]
    while stack:
        d, lead, last, top = stack.pop()
        out.append((d, "" if top else lead + ("└─ " if last else "├─ ")))
        below = kids.get(d.id, [])
        inner = "" if top else lead + ("   " if last else "│  ")
        stack.extend((k, inner, i == len(below) - 1, False) for i, k in reversed(list(enumerate(below))))
    return out


def _tree_html(r, anchors: dict[str, str]) -> str:
    """The derivation tree as nested lists; each version links to its comparison with its parent."""
    kids = _children(r.story)
    parts: list[str] = []
    stack: list = [d for d in reversed(kids.get(None, []))]
    while stack:
        d = stack.pop()
        if isinstance(d, str):  # a closing tag, emitted once a version's copies are written
            parts.append(d)
            continue
        name = escape(d.id)
        link = f'<a href="#{anchors[d.id]}">{name}</a>' if d.id in anchors else f"<b>{name}</b>"
        what = "likely original" if d.parent is None else escape(_line(r.comparisons.get(d.id)))
        why = escape("; ".join(d.evidence))
        parts.append(
            f'<li data-version="{name}">{link} <span class="what">{what}</span> '
            f'<span class="why">confidence {d.confidence:.2f}: {why}</span>'
        )
        below = kids.get(d.id, [])
        if below:
            parts.append("<ul>")
            stack.append("</ul></li>")
            stack.extend(reversed(below))
        else:
            parts.append("</li>")
    return (
        '<section class="tree" aria-label="derivation tree"><ul class="tree">'
        + "".join(parts)
        + "</ul></section>"
    )


def _line(comparison: Comparison | None) -> str:
    ch = _changes(comparison)
    if ch is None:
        return "-"
    types = ", ".join(f"{k} {v}" for k, v in sorted(ch["change_types"].items()))
    return f"{ch['major']} major, {ch['minor']} minor" + (f": {types}" if types else "")


def _from(d, r) -> str:
    if d.parent is None:
        return "likely original"
    return f"from {escape(d.parent)}: {escape(_line(r.comparisons.get(d.id)))}"


def render_story_html(r) -> str:
    from storydiff.report.html import page, section

    s = r.story
    index = {m: k for k, m in enumerate(s.members)}
    anchors = {m: f"v{index[m]}-top" for m in r.comparisons}
    rows = "".join(
        f"<tr><td>{escape(d.id)}</td><td>{escape(r.dates.get(d.id) or '')}</td>"
        f"<td>{escape(_lang(r, d.id))}</td>"
        f'<td lang="{escape(_lang(r, d.id))}" dir="{_direction(_lang(r, d.id))}">'
        f"{escape(r.titles.get(d.id) or '')}</td>"
        f"<td>{_from(d, r)}</td>"
        + (f'<td><a href="#{anchors[d.id]}">compare</a></td>' if d.id in anchors else "<td></td>")
        + "</tr>"
        for d in s.tree
    )
    head = (
        f"<header><h1>story {escape(s.id)}</h1><p>{len(s.members)} versions; likely original "
        f"<b>{escape(s.original)}</b>; divergence {s.divergence:.2f}</p>"
        f"<h2>Who copied whom</h2>{_tree_html(r, anchors)}"
        f'<table class="members">{rows}</table></header>'
    )
    # A long story is read version by version: each comparison (a version against its parent) is collapsed
    # under its one-line summary (the first open); following a link into a closed one opens it.
    compared = [d for d in s.tree if d.id in r.comparisons]
    sections = "".join(
        f'<details class="version"{" open" if n == 0 else ""}><summary>{escape(d.parent)} → {escape(d.id)}: '
        f"{escape(_line(r.comparisons[d.id]))}</summary>"
        + section(
            r.comparisons[d.id], prefix=f"v{index[d.id]}-", heading=f"{escape(d.parent)} → {escape(d.id)}"
        )
        + "</details>"
        for n, d in enumerate(compared)
    )
    return page(f"storydiff: story {escape(s.id)}", head + sections)


def _lang(r, member: str) -> str:
    return r.languages.get(member, "en")


def _direction(code: str) -> str:
    from storydiff.text.language import RIGHT_TO_LEFT

    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def history_dict(h) -> dict[str, Any]:
    return {
        "url": h.url,
        "stories": list(h.stories),
        "steps": [
            {
                "id": s.id,
                "date": s.date,
                "title": s.title,
                "previous": s.previous,
                "unchanged": s.unchanged,
                "changes": _changes(s.comparison),
                "major": [
                    {"type": c.type, "a": c.a_text, "b": c.b_text, "explanation": c.explanation}
                    for c in (s.comparison.all_changes if s.comparison else [])
                    if c.severity == "major"
                ],
                "comparison": s.comparison.to_dict() if s.comparison else None,
            }
            for s in h.steps
        ],
    }


def render_history(h, file: TextIO | None = None) -> None:
    """The timeline of one URL: each capture, what it changed, each major change at the step that made it."""
    from rich.text import Text

    from storydiff.text import shorten

    c = _console(file)
    changed = sum(1 for s in h.steps if s.previous is not None and not s.unchanged)
    where = "one story" if len(h.stories) == 1 else f"{len(h.stories)} stories"
    c.print(
        Text.assemble(("history ", "bold"), h.url, f"  ({len(h.steps)} captures, {changed} changed; {where})")
    )
    for k, s in enumerate(h.steps, 1):
        if s.previous is None:
            what = "first capture"
        elif s.unchanged:
            what = "unchanged"
        else:
            what = _line(s.comparison)
        c.print(Text(f"{k:>3}  {s.date or '(no date)'}  {s.id}  [{what}]"))
        for ch in s.comparison.all_changes if s.comparison else []:
            if ch.severity == "major":
                c.print(
                    Text(
                        f"       {ch.type}: {shorten(ch.a_text, 70) or '(nothing)'} -> "
                        f"{shorten(ch.b_text, 70) or '(nothing)'}"
                    )
                )
