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

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", self.command_note, ""]
        lines.append("| " + " | ".join(self.header) + " |")
        lines.append("|" + "---|" * len(self.header))
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def default_data() -> Path:
    return Path(os.environ.get("STORYDIFF_DATA", ROOT.parent / "shared" / "data"))


_PEAK_WRAPPER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(r.returncode)"
)


def run_measured(cmd: list[str]) -> tuple[str, float, float]:
    """Run ``cmd``; its standard output, wall seconds and the peak RSS (MB) of its largest process.

    A fresh wrapper process runs the command, so the RUSAGE_CHILDREN maximum it reports is this run's alone.
    """
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return proc.stdout, wall, int(proc.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024
