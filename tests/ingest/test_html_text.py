"""HTML extraction defects found by a new user (issue 17), on markup written for these tests."""

from storydiff.ingest.html import extract

STORY = (
    "<p>The council approved the flood barrier on Monday after a long debate about costs.</p>"
    "<p>Work starts in spring and is expected to take two years, officials said.</p>"
)


def test_script_never_enters_the_text_and_the_headline_is_not_content():
    headline = "<h1>Barrier <script>alert(1)</script> approved</h1>"
    html = f"<html><body><article>{headline}{STORY}</article></body></html>"
    doc = extract(html, "t.html")
    assert "alert" not in doc.text
    assert doc.text.count("Barrier approved") == 1
    assert doc.hints[0].role == "headline"


def test_byline_is_kept_as_written():
    html = (
        '<html><head><meta name="author" content="Miriam Okafor, Local Democracy Reporter"></head>'
        f"<body><article><h1>Barrier approved</h1>{STORY}</article></body></html>"
    )
    doc = extract(html, "t.html")
    assert "By Miriam Okafor, Local Democracy Reporter" in doc.text
    assert ";" not in doc.text
