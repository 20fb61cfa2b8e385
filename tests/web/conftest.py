"""A real server (uvicorn, in a thread) and a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from storydiff import corpus

from ..corpus.generate import make_corpus

CHROMIUM = os.environ.get("STORYDIFF_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "Readers wrote <script>window.__pwned = 1; document.title = 'pwned'</script> under the story."


EXAMPLES = Path(__file__).parents[2] / "examples"


def compare_examples(page, server: str) -> None:
    """Paste the project's example pair into the form and wait for the comparison."""
    page.goto(server + "/")
    page.fill("#a_text", (EXAMPLES / "original.txt").read_text(encoding="utf-8"))
    page.fill("#b_text", (EXAMPLES / "copy.txt").read_text(encoding="utf-8"))
    page.click("#go")
    page.wait_for_selector("section.comparison")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    make_corpus(root / "docs", stories=2, decoys=1)
    # One version of story 0 carries a script tag in its text: it must show as text, never run.
    first = (root / "docs" / "s0-v0.txt").read_text(encoding="utf-8")
    (root / "docs" / "s0-v9.txt").write_text(first + "\n\n" + HOSTILE, encoding="utf-8")
    db = root / "store.duckdb"
    corpus.index([str(root / "docs")], db, workers=1)
    return db


@pytest.fixture(scope="session")
def server(store) -> str:
    import uvicorn

    from storydiff.web import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("STORYDIFF_REQUIRE_BROWSER"):
            pytest.fail(f"no chromium at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()
