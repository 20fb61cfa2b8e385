"""Collections: folders of .txt/.html files, JSONL files and WARC files become ``CorpusDoc`` records.

A document that cannot be read (empty, binary, no article text) is skipped and counted, never fatal: one bad
file must not stop the indexing of a crawl. A path that does not exist is fatal, and said before any work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.errors import InputError, StorydiffError
from storydiff.ingest import MAX_BYTES, from_bytes, from_text
from storydiff.records import CorpusDoc, Document, Span

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True)
class Fields:
    """Which JSONL keys hold what (``--id-field`` and friends); ``text`` may list fallbacks."""

    id: str = "id"
    text: tuple[str, ...] = ("text", "body", "content")
    title: str = "title"
    date: str = "date"
    url: str = "url"


@dataclass
class Skipped:
    """Every skip is counted; the first ``KEPT`` reasons are kept (reports say "and N more")."""

    count: int = 0
    examples: list[str] = field(default_factory=list)
    KEPT = 20

    def add(self, why: str) -> None:
        self.count += 1
        if len(self.examples) < self.KEPT:
            self.examples.append(why)


def read_collection(
    paths: list[str], fields: Fields | None = None, skipped: Skipped | None = None
) -> Iterator[CorpusDoc]:
    """Every document under ``paths``, in a stable order (sorted file names, then line/record order)."""
    skipped = skipped if skipped is not None else Skipped()
    fields = fields or Fields()
    files: list[Path] = []
    for name in paths:
        p = Path(name)
        if not p.exists():
            raise InputError(f"{name}: no such file or folder")
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and _kind(f)))
        else:
            if not _kind(p):
                raise InputError(f"{name}: not a .txt, .html, .jsonl or WARC file")
            files.append(p)
    seen: dict[str, str] = {}  # id -> where it was first read
    for doc in _documents(files, fields, skipped):
        first = seen.get(doc.id)
        if first is not None:
            skipped.add(
                f"{doc.doc.source}: duplicate id {doc.id!r} (first read from {first}); kept the first"
            )
            continue
        seen[doc.id] = doc.doc.source
        yield doc


def _documents(files: list[Path], fields: Fields, skipped: Skipped) -> Iterator[CorpusDoc]:
    for f in files:
        kind = _kind(f)
        if kind == "jsonl":
            yield from _jsonl(f, fields, skipped)
        elif kind == "warc":
            yield from _warc(f, skipped)
        else:
            try:
                yield _file(f)
            except StorydiffError as exc:
                skipped.add(str(exc))


def _kind(p: Path) -> str | None:
    name = p.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if p.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    if p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        return "file"
    return None


def _file(p: Path) -> CorpusDoc:
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{p}: larger than {MAX_BYTES:,} bytes")
    doc = from_bytes(p.read_bytes(), str(p))
    return CorpusDoc(id=str(p), doc=doc, title=_headline(doc))


def with_title(body: str, title: str | None, source: str) -> Document:
    """A record whose title is a separate field: the title becomes the first line, marked as headline."""
    doc = from_text(body, source)
    title = (title or "").strip()
    if not title or doc.text.lstrip().startswith(title):
        return doc
    shift = len(title) + 2
    hints = (Span(0, len(title), "headline"),) + tuple(
        Span(h.start + shift, h.end + shift, h.role) for h in doc.hints
    )
    return Document(doc.source, f"{title}\n\n{doc.text}", doc.format, hints)


def _jsonl(p: Path, fields: Fields, skipped: Skipped) -> Iterator[CorpusDoc]:
    with p.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{p}:{lineno}"
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                skipped.add(f"{where}: not JSON ({exc})")
                continue
            body = next((rec[k] for k in fields.text if isinstance(rec.get(k), str) and rec[k].strip()), None)
            if body is None:
                skipped.add(f"{where}: no text in {'/'.join(fields.text)}")
                continue
            doc_id = str(rec[fields.id]) if rec.get(fields.id) not in (None, "") else where
            title = rec.get(fields.title) if isinstance(rec.get(fields.title), str) else None
            url = rec.get(fields.url) if isinstance(rec.get(fields.url), str) else None
            try:
                yield record_doc(doc_id, body, title, rec.get(fields.date), url, doc_id)
            except StorydiffError as exc:
                skipped.add(f"{where}: {exc}")


def record_doc(
    doc_id: str, body: str, title: str | None, date: object, url: str | None, source: str
) -> CorpusDoc:
    """One record (JSONL line, Parquet row) as a ``CorpusDoc``; the Spark executor calls this too."""
    doc = with_title(body, title, source)
    return CorpusDoc(id=doc_id, doc=doc, date=_iso(date), url=url, title=title or _headline(doc))


def _truncated_at(p: Path) -> int | None:
    """Offset of a gzip member that never ends (a .warc.gz cut short), else None.

    warcio reads a truncated archive to its last whole record and stops without a word; zlib tells.
    """
    import zlib

    with p.open("rb") as fh:
        start, pos, d = 0, 0, zlib.decompressobj(31)
        while chunk := fh.read(1 << 20):
            data = chunk
            while data:
                d.decompress(data)
                if d.eof:
                    used = len(data) - len(d.unused_data)
                    pos += used
                    data = d.unused_data
                    start, d = pos, zlib.decompressobj(31)
                else:
                    pos += len(data)
                    data = b""
        return None if pos == start else start


def _warc(p: Path, skipped: Skipped) -> Iterator[CorpusDoc]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:  # pragma: no cover - warcio is a dependency
        raise StorydiffError("reading WARC files needs warcio") from exc
    with p.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype and "text/plain" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                rid = record.rec_headers.get_header("WARC-Record-ID") or url
                try:
                    doc = from_bytes(record.content_stream().read(MAX_BYTES + 1), url or str(p))
                except StorydiffError as exc:
                    skipped.add(f"{p} {url}: {exc}")
                    continue
                date = _iso(record.rec_headers.get_header("WARC-Date"))
                yield CorpusDoc(
                    # a capture is its URL at a time (as in the Wayback Machine): revisits are versions
                    id=f"{url}@{date}" if url and date else url or rid,
                    doc=doc,
                    date=date,
                    url=url,
                    title=_headline(doc),
                )
        except Exception as exc:  # warcio raises plain Exceptions on a corrupt archive
            if isinstance(exc, StorydiffError):
                raise
            # The exception's text can hold the archive's raw bytes: name the kind and the offset only.
            where = getattr(iterator, "offset", None)
            at = f" at offset {where}" if isinstance(where, int) else ""
            raise InputError(f"{p}: not a readable WARC file ({exc.__class__.__name__}{at})") from exc
    if p.name.lower().endswith(".gz"):
        try:
            cut = _truncated_at(p)
        except Exception as exc:
            cut = None
            skipped.add(f"{p}: the archive is damaged ({exc.__class__.__name__})")
        if cut is not None:
            skipped.add(f"{p}: truncated: the archive ends inside the record at offset {cut}")


_DATELINE = re.compile(r"^[A-Z][A-Z .,'/-]{1,40}(?:,\s*\w+\.? \d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s*")
TITLE_CHARS = 160


def _headline(doc: Document) -> str | None:
    """The headline; without one, the lede without its dateline: never a byline, a caption or a footer.

    A scraped copy often starts with its byline ("By Ana Lindqvist, ..."); listing a story under it says
    nothing about the story. The roles come from the text stage, so a title is what compare calls a headline.
    """
    from storydiff import text

    found = text.sentences(doc)
    for s in found:
        if s.role == "headline":
            return text.shorten(s.text.strip(), TITLE_CHARS) or None
    for s in found:
        if s.role == "content":
            lede = _DATELINE.sub("", s.text.strip(), count=1) or s.text.strip()
            return text.shorten(lede, TITLE_CHARS) or None
    return None


def _iso(value: object) -> str | None:
    """Dates as sortable ISO 8601 where we can read them; anything else is dropped, not guessed."""
    if not isinstance(value, str) or not value.strip():
        return None
    from datetime import datetime

    v = value.strip()
    for fmt in (
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d",
        "%d-%b-%Y %H:%M:%S.%f",
    ):
        try:
            return datetime.strptime(v, fmt).isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).replace(tzinfo=None).isoformat()
    except ValueError:
        return None
