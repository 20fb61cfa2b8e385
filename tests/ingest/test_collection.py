"""Collections: folders, JSONL with field options, WARC, and bad documents skipped but counted."""

from __future__ import annotations

import io
import json

import pytest

from storydiff.errors import InputError
from storydiff.ingest.collection import Fields, Skipped, read_collection

STORY = (
    "The Corran lifeboat was launched twice on Sunday.\n\nVolunteers rescued four walkers near the cliffs."
)
PAGE = (
    "<html><head><title>Lifeboat called out twice</title></head><body><article><h1>Lifeboat called out twice"
    "</h1><p>The Corran lifeboat was launched twice on Sunday, the station said in a statement.</p>"
    "<p>Volunteers rescued four walkers who had been cut off by the tide near the cliffs.</p></article>"
    "</body></html>"
)


def write_warc(path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)


def test_folder_jsonl_and_warc_in_one_call(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "newid": 7,
                "body": "Short wire copy about the lifeboat.",
                "headline": "Wire",
                "when": "2024-05-01",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/lifeboat", PAGE)])
    fields = Fields(id="newid", text=("body",), title="headline", date="when")
    docs = {d.id: d for d in read_collection([str(tmp_path)], fields)}
    capture = next(k for k in docs if k.startswith("https://example.org/lifeboat@"))
    assert set(docs) == {str(tmp_path / "a.txt"), "7", capture}
    wire = docs["7"]
    assert wire.title == "Wire" and wire.date == "2024-05-01T00:00:00"
    assert wire.doc.text.startswith("Wire\n\n") and wire.doc.hints[0].role == "headline"
    page = docs[capture]
    assert page.url == "https://example.org/lifeboat" and page.date is not None
    assert "rescued four walkers" in page.doc.text and page.title == "Lifeboat called out twice"


def test_bad_documents_are_skipped_and_counted(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": 1, "text": "fine text here."}\nnot json\n{"id": 2}\n', encoding="utf-8"
    )
    skipped = Skipped()
    docs = list(read_collection([str(tmp_path)], skipped=skipped))
    assert sorted(d.id for d in docs) == sorted(["1", str(tmp_path / "good.txt")])
    assert skipped.count == 4 and all(isinstance(x, str) for x in skipped.examples)


def test_a_corrupt_warc_is_a_clear_error(tmp_path):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(InputError, match="WARC"):
        list(read_collection([str(tmp_path / "bad.warc.gz")]))


def test_unknown_file_type_is_refused(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="not a .txt"):
        list(read_collection([str(tmp_path / "notes.pdf")]))


def test_a_truncated_warc_is_a_counted_skip_naming_file_and_offset(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path, [("https://example.org/a", PAGE), ("https://example.org/b", PAGE.replace("four", "five"))]
    )
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    skipped = Skipped()
    docs = list(read_collection([str(path)], skipped=skipped))
    assert len(docs) == 1
    assert skipped.count == 1 and "truncated" in skipped.examples[0] and str(path) in skipped.examples[0]
    assert "offset" in skipped.examples[0]


def test_a_corrupt_warc_error_is_short_and_printable(tmp_path):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8)
    with pytest.raises(InputError) as info:
        list(read_collection([str(tmp_path / "bad.warc.gz")]))
    message = str(info.value)
    assert len(message) < 200 and message.isprintable()


def test_duplicate_ids_are_named_and_every_skip_counted(tmp_path):
    rows = [{"id": "x1", "text": STORY}, {"id": "x1", "text": STORY + " It was the third call this year."}]
    rows += [{"id": f"bad{k}"} for k in range(30)]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    skipped = Skipped()
    docs = list(read_collection([str(tmp_path / "feed.jsonl")], skipped=skipped))
    assert [d.id for d in docs] == ["x1"]
    assert skipped.count == 31
    assert any("duplicate id 'x1'" in why for why in skipped.examples)
