"""Fuzz targets over ingest + compare and the collection readers, driven by hypothesis.

Inputs are mutations of a seed corpus written for this project (plain text, HTML, JSONL and WARC records):
bytes flipped, cut, repeated and spliced, or arbitrary text and bytes. The promise under test is the CLI's:
bad input is a ``StorydiffError`` (one line, exit 2), never another exception. ``tests/test_fuzz.py`` runs a
short seeded pass in the default test run; ``python -m benchmarks --only fuzz`` runs for minutes and writes
the figures (inputs tried, crashes) to docs/benchmarks.md.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

SEEDS_TEXT = [
    "Flood barrier approved\n\nBy Miriam Okafor, Local Democracy Reporter\n\nThe council approved the £31m "
    'barrier on Monday. "It will protect 2,417 homes," said the mayor. Work starts in May.\nShare this',
    "The ferry sails from Oslo to Bergen every morning, the company said. Tickets cost 25 kroner.",
    "Correction: an earlier version of this story misstated the vote. It was 7 to 2.",
    "“We are delighted,” she said. He did not agree. 2.5m people watched; 12.5% said yes.",
    "",
]
SEEDS_HTML = [
    "<html><head><title>Barrier approved</title><meta name='author' content='Ann Lee, Reporter'></head><body>"
    "<article><h1>Barrier <script>alert(1)</script> approved</h1><p>The council approved the barrier on "
    "Monday after a long debate.</p><p>Work starts in spring, officials said.</p></article></body></html>",
    "<!doctype html><p>Short <b>bold</b> &amp; <i>odd</i> &#x1F600; text</p><style>p{}</style>",
    "<div><p>Unclosed <p>tags <table><tr><td>cell</td></tr></table>",
]


@st.composite
def mutated(draw, seeds: list[str]) -> bytes:
    """A seed's bytes with a few random edits, or arbitrary bytes, or arbitrary text."""
    kind = draw(st.sampled_from(["seed", "seed", "seed", "bytes", "text"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "text":
        return draw(st.text(max_size=300)).encode(
            draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), "replace"
        )
    data = bytearray(draw(st.sampled_from(seeds)).encode("utf-8"))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 60))] * draw(st.integers(1, 5))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def compare_target(a: bytes, b: bytes) -> None:
    """compare + every renderer: only StorydiffError may escape."""
    import storydiff
    from storydiff.errors import StorydiffError
    from storydiff.report import render_html, render_json, render_terminal

    try:
        result = storydiff.compare(a, b)
    except StorydiffError:
        return
    json.loads(render_json(result))
    render_html(result)
    render_terminal(result, file=io.StringIO(), width=100)
    result.filtered(0.5).to_dict()


def warc_bytes(html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.org/story",
        "response",
        payload=io.BytesIO(html.encode("utf-8")),
        http_headers=headers,
    )
    writer.write_record(record)
    return out.getvalue()


def collection_target(payload: bytes, suffix: str) -> None:
    """read_collection over one file of the given kind: only StorydiffError may escape."""
    from storydiff.errors import StorydiffError
    from storydiff.ingest.collection import Skipped, read_collection

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(payload)
        try:
            for _ in read_collection([str(path)], skipped=Skipped()):
                pass
        except StorydiffError:
            return


def collection_payloads():
    jsonl = "\n".join(json.dumps({"id": f"d{k}", "text": t}) for k, t in enumerate(SEEDS_TEXT))
    warc = warc_bytes(SEEDS_HTML[0]).decode("latin-1")
    return st.one_of(
        st.tuples(mutated([jsonl]), st.just(".jsonl")),
        st.tuples(mutated(SEEDS_HTML), st.just(".html")),
        st.tuples(mutated(SEEDS_TEXT), st.just(".txt")),
        st.tuples(
            mutated([warc]).map(lambda b: b.decode("utf-8", "replace").encode("latin-1", "replace")),
            st.just(".warc.gz"),
        ),
    )


def compare_inputs():
    return st.tuples(mutated(SEEDS_TEXT + SEEDS_HTML), mutated(SEEDS_TEXT + SEEDS_HTML))
