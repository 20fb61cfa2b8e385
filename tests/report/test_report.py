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


def test_moved_sentences_are_shown_in_terminal_and_html(cmp):
    import io

    from storydiff.report import render_html, render_terminal

    a = "The harbour opened in May. The mayor cut the ribbon. Fishermen cheered. Tourists came by ferry."
    b = "The mayor cut the ribbon. Fishermen cheered. Tourists came by ferry. The harbour opened in May."
    r = cmp(a, b)
    out = io.StringIO()
    render_terminal(r, file=out, width=120)
    assert "Moved (1)" in out.getvalue() and "A #1 → B #4: The harbour opened in May." in out.getvalue()
    assert "moved: A #1 is B #4" in render_html(r)


def test_terminal_lists_are_bounded(cmp):
    import io

    from storydiff.report import render_terminal

    a = "The council met today."
    b = a + " " + " ".join(f"Item {k} was approved without debate." for k in range(80))
    out = io.StringIO()
    render_terminal(cmp(a, b), file=out, width=120)
    assert "... and" in out.getvalue() and out.getvalue().count("[content]") == 50


def test_a_report_is_titled_by_file_name_or_headline(cmp):
    from storydiff.ingest import from_text
    from storydiff.report import render_html

    a = "Ferry fares rise sharply\n\nFares rose on Monday, the operator said.\n\nNew prices apply from June."
    b = a.replace("Monday", "Tuesday")
    assert (
        "<title>storydiff: A: Ferry fares rise sharply vs B: Ferry fares rise sharply</title>"
        in render_html(cmp(a, b))
    )
    named = cmp(from_text(a, "monday.txt"), from_text(b, "tuesday.txt"))
    assert "<title>storydiff: monday.txt vs tuesday.txt</title>" in render_html(named)


def test_html_lists_reworded_phrases_escaped_when_asked_for(cmp):
    a = "The <b>ferry</b> to the island was cancelled because of high winds."
    b = "High winds forced the cancellation of the <b>ferry</b> to the island."
    assert "reworded</summary>" not in render_html(cmp(a, b))
    page = render_html(cmp(a, b, chunks=True))
    assert "reworded</summary>" in page and "was cancelled ⟷ the cancellation" in page
    assert "<b>ferry" not in page
