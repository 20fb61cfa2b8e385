"""Run every benchmark and rewrite docs/benchmarks.md.

    python -m benchmarks [--data PATH] [--only speed,...] [--quick]

The data path comes from --data, else STORYDIFF_DATA, else ../shared/data. Nothing is copied from it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

from benchmarks import (
    chunks,
    corpus,
    crosslingual,
    fuzz,
    judgement,
    pairs,
    provenance,
    recall,
    reuse,
    revision,
    scale,
    similarity,
    speed,
    threads,
    web,
)
from benchmarks.common import ROOT, Config, default_data

BENCHMARKS = {
    "speed": speed.run,
    "pairs": pairs.run,
    "judgement": judgement.run,
    "crosslingual": crosslingual.run,
    "provenance": provenance.run,
    "threads": threads.run,
    "recall": recall.run,
    "revision": revision.run,
    "reuse": reuse.run,
    "similarity": similarity.run,
    "chunks": chunks.run,
    "corpus": corpus.run,
    "web": web.run,
    "scale": scale.run,
    "find": scale.run_find,
    "fuzz": fuzz.run,
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return out + (" (with uncommitted changes in src/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_data(), help="folder of the evaluation sets")
    p.add_argument(
        "--examples", type=Path, default=None, help="folder holding seed-pair/ (default: DATA/../examples)"
    )
    p.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated: " + ", ".join(BENCHMARKS))
    p.add_argument("--quick", action="store_true", help="fewer repetitions and samples")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = p.parse_args(argv)
    cfg = Config(args.data, args.examples or args.data.parent / "examples", args.quick)
    if not cfg.data.is_dir():
        print(
            f"benchmarks: error: no data folder at {cfg.data} (use --data or STORYDIFF_DATA)", file=sys.stderr
        )
        return 2
    sections = []
    for name in args.only.split(","):
        print(f"running {name} ...", file=sys.stderr)
        section = BENCHMARKS[name](cfg)
        print(section.markdown())
        sections.append(section)
    header = (
        "# Benchmarks\n\n"
        "`python -m benchmarks` runs them all (`--only NAME,...` reruns some; the sections not rerun keep "
        "their figures, and each section names its command). The data path is not part of the results.\n\n"
        f"Last run: `python -m benchmarks {' '.join(argv if argv is not None else sys.argv[1:])}`\n"
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC\n"
        f"- machine: {machine()}\n"
        f"- commit: {commit()}\n\n"
    )
    args.out.write_text(header + "\n".join(_merge(args.out, sections)))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _merge(path: Path, sections: list) -> list[str]:
    """Sections rerun replace their old text; sections not rerun keep theirs (marked with their age)."""
    new = {s.title: s.markdown() for s in sections}
    old: dict[str, str] = {}
    if path.exists():
        for chunk in path.read_text(encoding="utf-8").split("\n## ")[1:]:
            title = chunk.split("\n", 1)[0].strip()
            old[title] = "## " + chunk.rstrip() + "\n"
    out = [new.get(t) or old[t] for t in old]
    out += [md for t, md in new.items() if t not in old]
    return out


if __name__ == "__main__":
    sys.exit(main())
