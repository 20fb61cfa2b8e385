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
    }
    if titles is not None:
        out["title"] = titles.get(s.original)
    return out


def story_report_dict(r) -> dict[str, Any]:
    d = story_dict(r.story, r.titles)
    d["versions"] = [
        {
            "id": m,
            "title": r.titles.get(m),
            "date": r.dates.get(m),
            "original": m == r.story.original,
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
            f"{m.similarity:.2f}",
            f"{m.coverage_query:.0%} / {m.coverage_match:.0%}",
            Text(_line(m.comparison)),
        ]
        for m in matches
    ]
    columns = ("id", "title", "similarity", "found here / there", "changes")
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
        ]
        for s in stories
    ]
    columns = ("story", "versions", "likely original", "earliest", "divergence")
    _print_table(file, "no story with two or more versions", columns, rows)


def render_story(r, file: TextIO | None = None) -> None:
    from rich.text import Text

    c = _console(file)
    s = r.story
    c.print(
        Text.assemble(
            ("story ", "bold"), s.id, f"  ({len(s.members)} versions, divergence {s.divergence:.2f})"
        )
    )
    for m in s.members:
        tag = "original" if m == s.original else _line(r.comparisons.get(m))
        c.print(Text(f"  {m}  {r.dates.get(m) or ''}  {r.titles.get(m) or ''}  [{tag}]"))


def _line(comparison: Comparison | None) -> str:
    ch = _changes(comparison)
    if ch is None:
        return "-"
    types = ", ".join(f"{k} {v}" for k, v in sorted(ch["change_types"].items()))
    return f"{ch['major']} major, {ch['minor']} minor" + (f": {types}" if types else "")


def render_story_html(r) -> str:
    from storydiff.report.html import page, section

    s = r.story
    rows = "".join(
        f"<tr><td>{escape(m)}</td><td>{escape(r.dates.get(m) or '')}</td>"
        f"<td>{escape(r.titles.get(m) or '')}</td>"
        f"<td>{'likely original' if m == s.original else escape(_line(r.comparisons.get(m)))}</td>"
        + (f'<td><a href="#v{k}-top">compare</a></td>' if m in r.comparisons else "<td></td>")
        + "</tr>"
        for k, m in enumerate(s.members)
    )
    head = (
        f"<header><h1>story {escape(s.id)}</h1><p>{len(s.members)} versions; likely original "
        f"<b>{escape(s.original)}</b>; divergence {s.divergence:.2f}</p>"
        f'<table class="members">{rows}</table></header>'
    )
    # A long story is read version by version: each comparison is collapsed under its one-line summary
    # (the first open); following a link into a closed one opens it (SCRIPT in report/html.py).
    compared = [(k, m) for k, m in enumerate(s.members) if m in r.comparisons]
    sections = "".join(
        f'<details class="version"{" open" if n == 0 else ""}><summary>{escape(s.original)} → {escape(m)}: '
        f"{escape(_line(r.comparisons[m]))}</summary>"
        + section(r.comparisons[m], prefix=f"v{k}-", heading=f"{escape(s.original)} → {escape(m)}")
        + "</details>"
        for n, (k, m) in enumerate(compared)
    )
    return page(f"storydiff: story {escape(s.id)}", head + sections)
