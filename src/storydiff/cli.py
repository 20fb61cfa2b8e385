"""The ``storydiff`` command. It only parses arguments, calls the library and writes files atomically."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from storydiff.errors import InputError, StorydiffError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storydiff",
        description="Find the versions of a news story and say precisely what each version changed.",
    )
    p.add_argument("--version", action="version", version=f"storydiff {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    c = sub.add_parser(
        "compare",
        help="align two versions of a story and explain every difference",
        description="Align two versions (plain text or HTML; '-' reads standard input) and "
        "classify every difference. Exits 0 whatever the differences.",
    )
    c.add_argument("a", help="version A: a file, or - for standard input")
    c.add_argument("b", help="version B: a file, or - for standard input")
    c.add_argument("--json", action="store_true", help="print the JSON report (schema: report/schema.json)")
    c.add_argument("--html", metavar="PATH", help="also write a self-contained side-by-side HTML report")
    c.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="refuse inputs larger than N bytes (default 5,000,000)",
    )
    return p


def _version() -> str:
    from storydiff import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except StorydiffError as exc:
        print(f"storydiff: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the promise is one line, never a traceback; STORYDIFF_DEBUG shows it
        if os.environ.get("STORYDIFF_DEBUG"):
            raise
        print(
            f"storydiff: internal error: {exc.__class__.__name__}: {exc} "
            "(set STORYDIFF_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace) -> int:
    from storydiff import ingest
    from storydiff.pipeline import compare

    if args.command == "compare":
        if args.a == "-" and args.b == "-":
            raise InputError("only one of A and B can be standard input")
        limit = args.max_bytes or ingest.MAX_BYTES
        result = compare(ingest.read(args.a, limit), ingest.read(args.b, limit))
        if args.html:
            from storydiff.report import render_html

            write_atomic(Path(args.html), render_html(result))
        if args.json:
            from storydiff.report import render_json

            sys.stdout.write(render_json(result) + "\n")
        else:
            from storydiff.report import render_terminal

            render_terminal(result)
            if args.html:
                print(f"HTML report written to {args.html}")
    return 0


def write_atomic(path: Path, content: str) -> None:
    """Write through a temporary file and rename, so a failure never leaves half a report behind."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: the folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


if __name__ == "__main__":
    sys.exit(main())
