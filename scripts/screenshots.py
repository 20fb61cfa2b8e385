"""Take the README's screenshots: a generated corpus, a real server, Debian's chromium.

.venv/bin/python scripts/screenshots.py        # writes docs/img/*.png
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus.generate import make_corpus  # noqa: E402
from tests.web.conftest import CHROMIUM, FLAGS, _free_port  # noqa: E402


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from storydiff import corpus
    from storydiff.web import create_app

    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp) / "docs", stories=4, decoys=3)
        db = Path(tmp) / "s.duckdb"
        corpus.index([str(Path(tmp) / "docs")], db, workers=1)
        port = _free_port()
        app = create_app(db, results_dir=Path(tmp) / "results")
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = b.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/")
            page.fill("#a_text", (ROOT / "examples" / "original.txt").read_text(encoding="utf-8"))
            page.fill("#b_text", (ROOT / "examples" / "copy.txt").read_text(encoding="utf-8"))
            page.screenshot(path=str(out / "compare-form.png"))
            page.click("#go")
            page.wait_for_selector("section.comparison")
            page.screenshot(path=str(out / "compare-result.png"))
            page.goto(base + "/stories")
            page.screenshot(path=str(out / "stories.png"))
            page.locator("table.stories tbody tr a").first.click()
            page.wait_for_selector("table.members")
            page.screenshot(path=str(out / "story.png"))
            # The same comparison at phone width (one column) and in the dark theme.
            for name, viewport, scheme in (
                ("compare-result-phone.png", {"width": 390, "height": 844}, "light"),
                ("compare-result-dark.png", {"width": 1280, "height": 860}, "dark"),
            ):
                other = b.new_page(viewport=viewport, color_scheme=scheme)
                other.goto(base + "/")
                other.fill("#a_text", (ROOT / "examples" / "original.txt").read_text(encoding="utf-8"))
                other.fill("#b_text", (ROOT / "examples" / "copy.txt").read_text(encoding="utf-8"))
                other.click("#go")
                other.wait_for_selector("section.comparison")
                other.screenshot(path=str(out / name))
                other.close()
            b.close()
        srv.should_exit = True
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
