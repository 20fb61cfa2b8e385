"""Terminal summary: major changes first, the two versions' words side by side."""

from __future__ import annotations

from typing import TextIO

from storydiff.records import Comparison
from storydiff.text import shorten


def render_terminal(result: Comparison, file: TextIO | None = None, width: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Article text goes in through Text(), never as markup: "[b]" in a story must print as "[b]".
    console = Console(file=file, width=width, highlight=False, emoji=False)
    s = result.summary
    rel = s["relations"]
    console.print(Text.assemble(("storydiff ", "bold"), f"{result.a.source}  vs  {result.b.source}"))
    console.print(
        f"{s['sentences_a']} / {s['sentences_b']} sentences · "
        + " · ".join(
            f"{rel.get(k, 0)} {k}"
            for k in ("identical", "stylistic", "paraphrase", "translation", "changed")
            if k != "translation" or k in rel
        )
        + f" · {s['moved']} moved · {len(result.only_a)} only in A · {len(result.only_b)} only in B",
        markup=False,
    )
    langs = s.get("languages", {})
    if set(langs.values()) - {"en", "und"}:
        from storydiff.text.language import Language

        names = [Language(langs[k], 1.0).name for k in ("a", "b")]
        console.print(f"languages: A {names[0]} · B {names[1]}", markup=False)
    for note in s.get("language_notes", ()):
        console.print(Text(f"note: {note}", style="yellow"))
    console.print(f"{s['major']} major and {s['minor']} minor changes", style="bold", markup=False)
    changes = result.all_changes
    if changes:
        table = Table(show_lines=True, expand=True)
        table.add_column("", width=5, no_wrap=True)
        table.add_column("type", width=11, no_wrap=True)
        table.add_column("conf", width=4, no_wrap=True)
        table.add_column("A", ratio=2)
        table.add_column("B", ratio=2)
        table.add_column("why", ratio=3)
        for ch in changes:
            style = "bold red" if ch.severity == "major" else "yellow"
            table.add_row(
                Text(ch.severity, style=style),
                Text(ch.type),
                Text(_confidence(ch.confidence)),
                Text(ch.a_text or "—"),
                Text(ch.b_text or "—"),
                Text(ch.explanation),
            )
        console.print(table)
    moved = [al for al in result.alignments if al.moved]
    if moved:
        console.print(Text(f"Moved ({len(moved)})", style="bold"))
        for al in moved[:LIST_LIMIT]:
            where = f"  A {_numbers(al.a)} → B {_numbers(al.b)}: "
            console.print(Text.assemble((where, "magenta"), shorten(result.a.sentences[al.a[0]].text, 100)))
        if len(moved) > LIST_LIMIT:
            console.print(f"  ... and {len(moved) - LIST_LIMIT:,} more", markup=False)
    for label, ids, side in (("Only in A", result.only_a, result.a), ("Only in B", result.only_b, result.b)):
        if not ids:
            continue
        console.print(Text(label, style="bold"))
        ordered = sorted(ids, key=lambda i: (side.sentences[i].role != "content", i))
        for i in ordered[:LIST_LIMIT]:
            sent = side.sentences[i]
            style = "" if sent.role == "content" else "dim"
            console.print(Text.assemble((f"  [{sent.role}] ", "cyan"), (sent.text, style)))
        if len(ordered) > LIST_LIMIT:
            console.print(
                f"  ... and {len(ordered) - LIST_LIMIT:,} more (the JSON and HTML reports have them all)"
            )


LIST_LIMIT = 50
"""Sentences listed per section in the terminal; a 5 MB input has tens of thousands."""


def _numbers(ids) -> str:
    """Sentence numbers as a reader counts them (from 1)."""
    return ", ".join(f"#{i + 1}" for i in ids)


def _confidence(p: float | None) -> str:
    """The change model's probability as two digits (".93"); "—" on the rules-only path."""
    if p is None:
        return "—"
    return "1.0" if p >= 0.995 else f"{p:.2f}"[1:]
