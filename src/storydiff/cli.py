"""The ``storydiff`` command. It only parses arguments, calls the library and writes files atomically."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import signal
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from storydiff.errors import InputError, StorydiffError
from storydiff.limits import MAX_SENTENCES, TIMEOUT_S


@contextmanager
def _time_limit(seconds: float):
    """A bound on one comparison (SIGALRM: the CLI runs it in the main thread); a clear error, exit 2."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise InputError(f"the comparison took longer than {seconds:g} s and was stopped (--timeout)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
        type=_positive_int,
        default=None,
        metavar="N",
        help="refuse inputs larger than N bytes (default 5,000,000)",
    )
    c.add_argument(
        "--max-sentences",
        type=_positive_int,
        default=MAX_SENTENCES,  # the web server's limits too
        metavar="N",
        help=f"refuse a version with more than N sentences (default {MAX_SENTENCES:,}; the time to compare "
        "grows with the square of the sentences)",
    )
    c.add_argument(
        "--timeout",
        type=_positive_float,
        default=TIMEOUT_S,
        metavar="S",
        help=f"stop a comparison that takes longer than S seconds (default {TIMEOUT_S:g})",
    )
    c.add_argument(
        "--min-confidence",
        type=_fraction,
        default=0.0,
        metavar="P",
        help="leave out changes the change model is less sure of than P (0-1; e.g. 0.5 hides trivial edits)",
    )
    c.add_argument(
        "--chunks",
        action="store_true",
        help="add the phrase-by-phrase alignment of each aligned group to the JSON (English; loads the "
        "spaCy analysis model, ~1 s)",
    )
    c.add_argument(
        "--rules-only",
        action="store_true",
        help="skip the learned change model: the typed detectors' own severities, no confidences",
    )

    i = sub.add_parser(
        "index",
        help="index a collection into a store (incremental; safe to re-run after a crash)",
        description="Index folders of .txt/.html files, JSONL files and WARC files. Documents already in "
        "the store (by id) are skipped; a killed run resumes where it stopped.",
    )
    i.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _db(i)
    i.add_argument("--id-field", default="id", help="JSONL key of the document id (default: id)")
    i.add_argument(
        "--text-field", default="text,body,content", help="JSONL key(s) of the text, comma-separated"
    )
    i.add_argument("--title-field", default="title")
    i.add_argument("--date-field", default="date")
    i.add_argument("--url-field", default="url")
    i.add_argument("--workers", type=_positive_int, default=None, help="processes (default: one per core)")
    i.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="spark: run the same steps on Spark (JSONL/Parquet input), then load the results into --db",
    )
    i.add_argument("--master", default="local[2]", help="Spark master for --engine spark")
    i.add_argument("--spark-out", metavar="DIR", help="keep the Spark run's Parquet tables here")
    i.add_argument("--json", action="store_true", help="print the index report as JSON")

    f = sub.add_parser("find", help="the versions of a document in the store, each with what changed")
    f.add_argument("doc", help="a .txt or .html file, or - for standard input")
    _db(f)
    f.add_argument("--top", type=_count, default=5, help="compare the N best versions in full (default 5)")
    f.add_argument("--json", action="store_true")

    s = sub.add_parser("stories", help="stories with two or more versions (or threads of stories)")
    _db(s)
    s.add_argument(
        "--level",
        choices=("versions", "threads"),
        default="versions",
        help="versions: stories of shared text (default); threads: the stories of one developing event",
    )
    s.add_argument("--json", action="store_true")

    t = sub.add_parser("story", help="one story: who copied whom, and what each version changed")
    t.add_argument("id", help="a story id, or the id of any of its documents")
    _db(t)
    t.add_argument("--tree", action="store_true", help="draw the derivation tree, with its evidence")
    t.add_argument("--html", metavar="PATH", help="also write a self-contained HTML report")
    t.add_argument("--json", action="store_true")

    h = sub.add_parser("history", help="the captures of one URL in time order, and what each step changed")
    h.add_argument("url", help="the URL, as stored (WARC-Target-URI, or the JSONL url field)")
    _db(h)
    h.add_argument("--json", action="store_true")

    fd = sub.add_parser("feed", help="an Atom feed of the changes of a story or a URL, each with both texts")
    _db(fd)
    which = fd.add_mutually_exclusive_group(required=True)
    which.add_argument("--story", metavar="ID", help="a story id, or the id of any of its documents")
    which.add_argument("--url", help="a URL: one entry per step of its history")
    fd.add_argument("-o", "--output", metavar="PATH", help="write the feed here (default: standard output)")

    w = sub.add_parser("serve", help="a web page to compare two versions and browse a store's stories")
    w.add_argument("--db", metavar="FILE", help="a store to browse (optional)")
    w.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=_port, default=8000)
    w.add_argument(
        "--max-bytes", type=_positive_int, default=1_000_000, help="largest version accepted, in bytes"
    )
    w.add_argument(
        "--max-sentences", type=_positive_int, default=MAX_SENTENCES, help="most sentences per version"
    )
    w.add_argument(
        "--results",
        metavar="DIR",
        help="folder where comparisons are kept, so permalinks survive a restart "
        "(default: $XDG_CACHE_HOME/storydiff/results; 'none' keeps them in memory only)",
    )
    w.add_argument(
        "--keep-results", type=_positive_int, default=200, metavar="N", help="comparisons kept (default 200)"
    )
    w.add_argument("--timeout", type=_positive_float, default=TIMEOUT_S, help="seconds a comparison may take")
    w.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="server processes, each with its share of the cores (default 1; more serve more new pairs "
        "at once and keep results in the --results folder)",
    )
    return p


def _bounded(cast, low: float, high: float = float("inf"), *, above: bool = False):
    """An argparse type: ``cast(value)`` within [low, high] (or above ``low``); a bad value is exit 2
    with argparse's one-line message, never a traceback."""
    what = "a whole number" if cast is int else "a number"

    def parse(value: str):
        try:
            x = cast(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None
        if x != x or x < low or (above and x == low) or x > high:  # x != x: NaN
            span = f"above {low:g}" if above else f"at least {low:g}"
            limit = f" and at most {high:g}" if high != float("inf") else ""
            raise argparse.ArgumentTypeError(f"must be {span}{limit}, got {value}")
        return x

    return parse


_positive_int = _bounded(int, 1)
_count = _bounded(int, 0)
_positive_float = _bounded(float, 0, 1e9, above=True)
_fraction = _bounded(float, 0, 1)
_port = _bounded(int, 1, 65535)


def _cores() -> int:
    """The cores this process may run on (its affinity, which a container narrows), not the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _default_results() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "storydiff" / "results"


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="FILE", help="the store (a DuckDB file)")


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
        a, b = ingest.read(args.a, limit), ingest.read(args.b, limit)
        with _time_limit(args.timeout):
            result = compare(
                a, b, rules_only=args.rules_only, max_sentences=args.max_sentences, chunks=args.chunks
            )
        if args.min_confidence:
            result = result.filtered(args.min_confidence)
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
    elif args.command in ("index", "find", "stories", "story", "history", "feed"):
        _corpus(args)
    elif args.command == "serve":
        _serve(args)
    return 0


def _serve(args: argparse.Namespace) -> None:
    try:
        import uvicorn

        from storydiff.web import Limits, create_app
    except ImportError as exc:
        raise StorydiffError(
            f"serve needs the web extra: pip install 'storydiff[web]' ({exc.name} missing)"
        ) from exc
    limits = Limits(
        max_bytes=args.max_bytes,
        max_sentences=args.max_sentences,
        timeout_s=args.timeout,
        kept_results=args.keep_results,
    )
    results = None if args.results == "none" else Path(args.results or _default_results())
    if args.workers > 1 and results is None:
        raise InputError("--workers above 1 needs a --results folder: a permalink may reach any worker")
    app = create_app(args.db, limits, results)  # checks the settings here, before any worker starts
    print(f"storydiff: serving on http://{args.host}:{args.port}/", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
        return
    from storydiff.web import SERVE_ENV

    settings = {
        "db": args.db,
        "limits": dataclasses.asdict(limits),
        "results": str(results),
        "encoder_threads": max(1, _cores() // args.workers),
    }
    os.environ[SERVE_ENV] = json.dumps(settings)
    uvicorn.run(
        "storydiff.web:create_app_from_env",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="warning",
    )


def _corpus(args: argparse.Namespace) -> None:
    import json

    from storydiff import corpus, ingest
    from storydiff.records import CorpusDoc
    from storydiff.report import corpus as show

    if args.command == "index":
        from storydiff.ingest.collection import Fields

        fields = Fields(
            id=args.id_field,
            text=tuple(x.strip() for x in args.text_field.split(",") if x.strip()),
            title=args.title_field,
            date=args.date_field,
            url=args.url_field,
        )
        if args.engine == "spark":
            from storydiff.scale.spark import index_with_spark

            summary = index_with_spark(args.paths, args.db, fields, master=args.master, keep=args.spark_out)
            print(json.dumps(summary, indent=2) if args.json else f"indexed with Spark: {summary}")
            return
        with _progress(not args.json) as progress:
            report = corpus.index(args.paths, args.db, fields=fields, workers=args.workers, progress=progress)
        if args.json:
            print(json.dumps(report.to_dict(), indent=2))
        else:
            show.render_index(report)
    elif args.command == "find":
        doc = ingest.read(args.doc)
        matches = corpus.find(CorpusDoc(id=doc.source, doc=doc), args.db, top=args.top)
        if args.json:
            print(json.dumps([show.match_dict(m) for m in matches], ensure_ascii=False, indent=2))
        else:
            show.render_matches(matches)
    elif args.command == "stories":
        threads = args.level == "threads"
        found = corpus.threads(args.db) if threads else corpus.stories(args.db)
        with corpus.Store(args.db, read_only=True) as store:
            titles = store.titles()
        if args.json:
            as_dict = show.thread_dict if threads else show.story_dict
            out = [as_dict(x, {k: v[0] for k, v in titles.items()}) for x in found]
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            (show.render_threads if threads else show.render_stories)(found, titles)
    elif args.command == "history":
        found = corpus.history(args.db, args.url)
        if args.json:
            print(json.dumps(show.history_dict(found), ensure_ascii=False, indent=2))
        else:
            show.render_history(found)
    elif args.command == "feed":
        from storydiff.report.feed import history_feed, story_feed

        if args.url:
            xml = history_feed(corpus.history(args.db, args.url))
        else:
            xml = story_feed(corpus.story(args.db, args.story))
        if args.output:
            write_atomic(Path(args.output), xml)
        else:
            sys.stdout.write(xml)
    else:
        report = corpus.story(args.db, args.id)
        if args.html:
            write_atomic(Path(args.html), show.render_story_html(report))
        if args.json:
            print(json.dumps(show.story_report_dict(report), ensure_ascii=False, indent=2))
        else:
            show.render_story(report, tree=args.tree)
            if args.html:
                print(f"HTML report written to {args.html}")


@contextlib.contextmanager
def _progress(enabled: bool):
    """Progress bars on standard error, only for a person at a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda phase, done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    tasks: dict[str, int] = {}
    with Progress(console=Console(stderr=True), transient=True) as bar:

        def update(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update


def write_atomic(path: Path, content: str) -> None:
    """Write through a temporary file and rename, so a failure never leaves half a report behind."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: the folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report follows the user's umask
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


if __name__ == "__main__":
    sys.exit(main())
