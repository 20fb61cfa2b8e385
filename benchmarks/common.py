"""What every benchmark shares: where the data is, and a results section to print and to write."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Config:
    data: Path
    examples: Path
    quick: bool = False


@dataclass
class Section:
    title: str
    command_note: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(
        default_factory=list
    )  # caption, header, rows

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", self.command_note, ""]
        lines += _table(self.header, self.rows)
        for caption, header, rows in self.tables:
            lines += ["", caption, ""] + _table(header, rows)
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def default_data() -> Path:
    return Path(os.environ.get("STORYDIFF_DATA", ROOT.parent / "shared" / "data"))


_PEAK_WRAPPER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(r.returncode)"
)


@dataclass(frozen=True)
class Measured:
    stdout: str
    wall: float  # seconds
    peak_process: float  # MB: the largest single process (RUSAGE_CHILDREN)
    peak_tree: float  # MB: the largest sum over the whole process tree (sampled; JVMs and workers included)


def _tree_rss(root: int) -> int:
    """Resident kB of ``root`` and all its descendants, read from /proc (0 where /proc is not there)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_measured(cmd: list[str]) -> Measured:
    """Run ``cmd``: its standard output, wall seconds, and peak memory by process and for the whole tree.

    A fresh wrapper process runs the command, so the RUSAGE_CHILDREN maximum it reports is this run's alone;
    a thread samples the tree's total RSS every half second.
    """
    import threading

    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _PEAK_WRAPPER, *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.5):
            peak_tree = max(peak_tree, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(err[-2000:])
    peak = int(err.rsplit("PEAK ", 1)[1].split()[0]) / 1024
    return Measured(out, wall, peak, max(peak_tree / 1024, peak))
