"""Terminal summary: major changes first, the two versions' words side by side."""

from __future__ import annotations

from typing import TextIO

from storydiff.records import Comparison


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
        + " · ".join(f"{rel.get(k, 0)} {k}" for k in ("identical", "stylistic", "paraphrase", "changed"))
        + f" · {s['moved']} moved · {len(result.only_a)} only in A · {len(result.only_b)} only in B",
        markup=False,
    )
    console.print(f"{s['major']} major and {s['minor']} minor changes", style="bold", markup=False)
    changes = result.changes
    if changes:
        table = Table(show_lines=True, expand=True)
        table.add_column("", width=5, no_wrap=True)
        table.add_column("type", width=11, no_wrap=True)
        table.add_column("A", ratio=2)
        table.add_column("B", ratio=2)
        table.add_column("why", ratio=3)
        for _, ch in changes:
            style = "bold red" if ch.severity == "major" else "yellow"
            table.add_row(
                Text(ch.severity, style=style),
                Text(ch.type),
                Text(ch.a_text or "—"),
                Text(ch.b_text or "—"),
                Text(ch.explanation),
            )
        console.print(table)
    for label, ids, side in (("Only in A", result.only_a, result.a), ("Only in B", result.only_b, result.b)):
        if not ids:
            continue
        console.print(Text(label, style="bold"))
        for i in sorted(ids, key=lambda i: (side.sentences[i].role != "content", i)):
            sent = side.sentences[i]
            style = "" if sent.role == "content" else "dim"
            console.print(Text.assemble((f"  [{sent.role}] ", "cyan"), (sent.text, style)))
