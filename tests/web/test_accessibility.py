"""axe-core in the real browser: no serious or critical accessibility violation on any page."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import compare_examples


def _axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _serious(page) -> list[str]:
    page.add_script_tag(content=_axe_source())  # inline: the pages' CSP allows our own inline scripts only
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_every_page_has_no_serious_violation(server, page):
    page.goto(server + "/")
    assert _serious(page) == []
    compare_examples(page, server)
    assert _serious(page) == []
    page.emulate_media(color_scheme="dark")
    assert _serious(page) == []
    page.emulate_media(color_scheme="light")
    page.goto(server + "/stories")
    assert _serious(page) == []
    page.locator("table.stories a").first.click()
    page.wait_for_selector("section.comparison")
    assert _serious(page) == []
