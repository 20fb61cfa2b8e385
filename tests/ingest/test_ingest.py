import pytest

from storydiff import InputError, ingest


def test_detects_common_encodings(tmp_path):
    text = "Le maire a déclaré que le café coûterait 3 €.\nÇa ira."
    for enc in ("utf-8", "utf-16", "cp1252", "utf-8-sig"):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(text.encode(enc))
        assert ingest.read(p).text == text


def test_latin1_without_bom(tmp_path):
    p = tmp_path / "l1.txt"
    p.write_bytes("Björn Åström said the fjord was frozen, and the ferry stayed in port.".encode("latin-1"))
    assert "Björn Åström" in ingest.read(p).text


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02\x89PNG\x00\x00binary", "binary"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_bad_bytes_are_refused(tmp_path, data, message):
    p = tmp_path / "bad"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message):
        ingest.read(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ingest.read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        ingest.read(tmp_path)


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(InputError, match="larger than"):
        ingest.read(p, max_bytes=100)


ARTICLE_HTML = """<!doctype html><html><head><title>Ferry terminal approved | Coastal Gazette</title>
<meta name="author" content="Ana Lindqvist"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry terminal approved</h1>
<p>The council of Marrowby voted on Tuesday to approve a new ferry terminal, ending a long dispute.</p>
<p>The project will cost 2.5 million euros and is expected to open in 2027, officials said.</p>
<p>Critics say the terminal will harm the nesting birds on the north shore of the island.</p>
</article><footer>Copyright Coastal Gazette</footer></body></html>"""


def test_html_main_text_with_headline_and_byline():
    doc = ingest.from_text(ARTICLE_HTML, "page.html")
    assert doc.format == "html"
    assert "2.5 million euros" in doc.text
    assert "Home" not in doc.text
    roles = {h.role: doc.text[h.start : h.end] for h in doc.hints}
    assert "Ferry terminal approved" in roles["headline"]
    assert "Ana Lindqvist" in roles["byline"]


def test_html_without_text_is_refused():
    with pytest.raises(InputError, match="no article text"):
        ingest.from_text("<html><body><script>var x = 1;</script></body></html>", "empty.html")


def test_malformed_html_does_not_crash():
    doc = ingest.from_text(
        "<html><body><p>The mayor <b>said <i>the bridge</b> will open in May.</p>"
        "<p>Workers <<>> finished the deck on Friday after six months.",
        "bad.html",
    )
    assert "bridge" in doc.text
