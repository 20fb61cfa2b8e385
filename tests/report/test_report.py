import io
import json

import jsonschema

from storydiff.report import SCHEMA_PATH, render_html, render_json, render_terminal

HOSTILE_A = 'The mayor said the plan was "fine".\n<script>alert("x")</script> is what the page said.'
HOSTILE_B = 'The mayor said the plan was "awful".\n<script>alert("x")</script> is what the page said.'


def test_json_matches_the_published_schema(cmp):
    result = cmp(HOSTILE_A, HOSTILE_B)
    data = json.loads(render_json(result))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert data["schema_version"] == "1"
    assert {c["type"] for al in data["alignments"] for c in al["changes"]} == {"quote"}


def test_html_escapes_everything_from_the_input(cmp):
    page = render_html(cmp(HOSTILE_A, HOSTILE_B))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # our own filter toggle, nothing else
    assert '<mark class="major t-quote"' in page


def test_terminal_prints_markup_literally(cmp):
    out = io.StringIO()
    render_terminal(
        cmp(
            "The mayor won 40 votes.",
            "The mayor won 14 votes.\nA [bold]bakery[/bold] gave away free bread on the square.",
        ),
        file=out,
        width=120,
    )
    text = out.getvalue()
    assert "[bold]bakery[/bold]" in text
    assert "1 major" in text
