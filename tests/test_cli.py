"""The command line: real subprocesses, because "never a traceback" is about what the user sees."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *map(str, args)], input=stdin, capture_output=True, timeout=120
    )


def test_demo_pair_terminal_and_html(tmp_path):
    html = tmp_path / "r.html"
    proc = run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", "--html", html)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "major" in out and "pronoun" in out
    assert html.read_text().startswith("<!doctype html>")


def test_chunks_option_adds_phrase_pairs(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The ferry to the island was cancelled because of high winds.")
    b.write_text("High winds forced the cancellation of the ferry to the island.")
    proc = run("compare", a, b, "--json", "--chunks")
    assert proc.returncode == 0, proc.stderr
    [group] = json.loads(proc.stdout)["alignments"]
    pairs = {c["a_text"]: (c["b_text"], c["relation"]) for c in group["chunks"]}
    assert pairs["to the island"] == ("to the island", "same")
    assert pairs["was cancelled"] == ("the cancellation", "similar")  # a verb paired with its noun


def test_json_from_stdin():
    proc = run(
        "compare", "-", EXAMPLES / "copy.txt", "--json", stdin=(EXAMPLES / "original.txt").read_bytes()
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["a"]["source"] == "<stdin>"
    types = {c["type"] for al in data["alignments"] for c in al["changes"]}
    assert types >= {
        "quote",
        "number",
        "date",
        "entity",
        "pronoun",
        "negation",
        "hedge",
        "attribution",
        "wording",
    }


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"\xff\xfe\x00\xd8\x00\xd8", "not valid"),  # UTF-16 BOM, then unpaired surrogates
        (b"<html><body><script>var a=1;</script></body></html>", "no article text"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = run("compare", bad, EXAMPLES / "copy.txt")
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file(tmp_path):
    proc = run("compare", tmp_path / "missing.txt", EXAMPLES / "copy.txt")
    assert proc.returncode == 2 and "no such file" in proc.stderr.decode()


def test_html_report_not_written_on_error(tmp_path):
    html = tmp_path / "r.html"
    proc = run("compare", tmp_path / "missing.txt", EXAMPLES / "copy.txt", "--html", html)
    assert proc.returncode == 2 and not html.exists()


def test_script_in_input_shows_as_text_in_html(tmp_path):
    a, b, html = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "r.html"
    a.write_text("The mayor spoke.\n<script>document.title='pwned'</script> was in the copy.")
    b.write_text("The mayor spoke.\n<script>document.title='pwned'</script> was in the copy too.")
    assert run("compare", a, b, "--html", html).returncode == 0
    page = html.read_text()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "<script>document" not in page


@pytest.mark.parametrize(
    "option,value,message",
    [
        ("--max-bytes", "-5", "must be at least 1"),
        ("--max-bytes", "ten", "expected a whole number"),
        ("--min-confidence", "1.5", "at most 1"),
    ],
)
def test_bad_option_values_are_exit_2_with_a_message(option, value, message):
    proc = run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", option, value)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert message in err and "Traceback" not in err


def test_min_confidence_hides_less_certain_changes():
    full = json.loads(run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", "--json").stdout)
    confidences = [c["confidence"] for al in full["alignments"] for c in al["changes"]]
    assert confidences and all(0 <= p <= 1 for p in confidences)
    cut = sorted(confidences)[len(confidences) // 2]
    proc = run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", "--json", "--min-confidence", cut)
    kept = [c["confidence"] for al in json.loads(proc.stdout)["alignments"] for c in al["changes"]]
    assert kept and all(p >= cut for p in kept) and len(kept) < len(confidences)


def test_rules_only_has_no_confidences():
    proc = run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", "--json", "--rules-only")
    found = [c["confidence"] for al in json.loads(proc.stdout)["alignments"] for c in al["changes"]]
    assert found and all(p is None for p in found)


def test_html_report_follows_the_umask(tmp_path):
    import os

    html = tmp_path / "r.html"
    old = os.umask(0o022)
    try:
        proc = run("compare", EXAMPLES / "original.txt", EXAMPLES / "copy.txt", "--html", html)
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    assert html.stat().st_mode & 0o777 == 0o644


def test_a_pathological_input_is_refused_early(tmp_path):
    many = tmp_path / "many.txt"
    many.write_text("\n".join(f"Line {k} of the list." for k in range(60)))
    proc = run("compare", EXAMPLES / "original.txt", many, "--max-sentences", "50")
    assert proc.returncode == 2
    assert "more than the limit of 50" in proc.stderr.decode()


def test_a_comparison_past_its_time_limit_stops_with_a_message(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(" ".join(f"Clause {k} of the treaty was amended by the council." for k in range(400)))
    proc = run("compare", EXAMPLES / "original.txt", long, "--timeout", "0.01")
    assert proc.returncode == 2
    assert "took longer than 0.01 s" in proc.stderr.decode()


def test_a_huge_line_without_sentence_endings_is_refused_quickly(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text(
        " ".join(["the harbour plan would cost more than expected"] * 40_000)
    )  # ~1.9 MB, one line
    proc = run("compare", EXAMPLES / "original.txt", huge)
    assert proc.returncode == 2
    assert "more than the limit of 600" in proc.stderr.decode()


def test_serve_with_workers_and_no_results_folder_is_one_clear_error():
    proc = run("serve", "--workers", "2", "--results", "none", "--port", "8799")
    err = proc.stderr.decode()
    assert proc.returncode != 0 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "--results" in err


def test_serve_with_two_workers_answers_and_shares_permalinks(tmp_path):
    """Two worker processes behind one port: a result stored by one is found by whichever answers next."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "storydiff", "serve", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(cmd + ["--results", str(tmp_path)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        body = json.dumps({"a": "The ferry left at dawn.", "b": "The ferry left at noon."}).encode()
        req = urllib.request.Request(f"{base}/api/compare", body, {"Content-Type": "application/json"})
        report = json.loads(urllib.request.urlopen(req, timeout=60).read())
        assert report["summary"]["major"] == 1
        form = urllib.parse.urlencode({"a_text": "The dam held.", "b_text": "The dam broke."}).encode()
        page = urllib.request.urlopen(urllib.request.Request(f"{base}/compare", form), timeout=60)
        key = page.url.rsplit("/", 1)[1]
        for _ in range(6):  # whichever worker answers, the permalink is there
            got = json.loads(urllib.request.urlopen(f"{base}/report/{key}.json", timeout=30).read())
            assert got["b"]["text"] == "The dam broke."
    finally:
        server.terminate()
        server.wait(timeout=30)
