"""End to end in headless chromium: paste, compare, read the highlights, browse stories, stay safe."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import HOSTILE, compare_examples

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_paste_two_versions_and_see_the_changes(server, page):
    compare_examples(page, server)
    assert page.locator("mark.major").count() >= 3
    changes = page.locator("ol.changes li").all_inner_texts()
    assert changes[0].startswith("major")  # major first
    kinds = " ".join(changes)
    for kind in ("pronoun", "number", "quote"):
        assert kind in kinds
    # The change list links to its row, and the row is on the page.
    first = page.locator("ol.changes li a").first
    target = first.get_attribute("href")
    first.click()
    assert page.locator(target).is_visible()
    # The filter hides identical, stylistic and paraphrase rows, and only those.
    quiet = "tr.identical, tr.stylistic, tr.paraphrase"
    assert page.locator(quiet).first.is_visible()
    page.check("#hide")
    assert not page.locator(quiet).first.is_visible()
    assert page.locator("tr.changed").first.is_visible()
    # Both downloads work and the JSON is the CLI's JSON.
    href = page.locator("p.downloads a").first.get_attribute("href")
    data = json.loads(page.request.get(server + href).text())
    assert data["schema_version"] == "1" and data["summary"]["major"] >= 3


def test_script_in_a_pasted_version_shows_as_text(server, page):
    page.goto(server + "/")
    page.fill("#a_text", "The bridge opened on Monday. " + HOSTILE)
    page.fill("#b_text", "The bridge opened on Tuesday. " + HOSTILE)
    page.click("#go")
    page.wait_for_selector("section.comparison")
    assert "<script>window.__pwned = 1;" in page.locator("table").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned" and not page.dialogs


def test_empty_input_is_a_clear_error(server, page):
    page.goto(server + "/")
    page.fill("#b_text", "Only one version.")
    with page.expect_response(lambda r: r.url.endswith("/compare")) as resp:
        page.click("#go")
    assert resp.value.status == 400
    assert "version A: paste a text or choose a file" in page.locator("p.error").inner_text()


def test_browse_stories_and_open_one(server, page):
    page.goto(server + "/stories")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 2
    page.fill("input[name=q]", "no such words anywhere")
    page.click("form.search button")
    assert page.locator("table.stories tbody tr").count() == 0
    page.goto(server + "/stories?sort=size")
    page.locator("table.stories tbody tr a").first.click()
    page.wait_for_selector("table.members")
    assert "likely original" in page.locator("table.members").inner_text()
    assert page.locator("section.comparison").count() >= 3


def test_script_in_a_stored_article_shows_as_text(server, page):
    page.goto(server + "/stories")
    links = page.locator("table.stories tbody tr a")
    for i in range(links.count()):
        page.goto(server + "/stories")
        page.locator("table.stories tbody tr a").nth(i).click()
        page.wait_for_selector("table.members")
        if "s0-v9" in page.locator("table.members").inner_text():
            break
    assert "<script>window.__pwned = 1;" in page.locator("body").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined" and not page.dialogs


def test_api_mirrors_the_cli_and_describes_itself(server, page):
    spec = page.request.get(server + "/openapi.json").json()
    assert {"/api/compare", "/api/stories", "/api/story", "/api/find"} <= set(spec["paths"])
    r = page.request.post(
        server + "/api/compare", data={"a": "Ann said it rained.", "b": "Ann said it did not rain."}
    )
    assert r.status == 200 and r.json()["summary"]["major"] >= 1
    assert all(al["chunks"] == [] for al in r.json()["alignments"])
    r = page.request.post(
        server + "/api/compare",
        data={"a": "Ann said it rained.", "b": "Ann said it did not rain.", "chunks": True},
    )
    assert r.status == 200 and any(al["chunks"] for al in r.json()["alignments"])
    bad = page.request.post(server + "/api/compare", data={"a": "", "b": "x"})
    assert bad.status == 400 and "empty" in bad.json()["error"]
    stories = page.request.get(server + "/api/stories").json()
    assert len(stories) == 2
    story = page.request.get(server + "/api/story", params={"id": stories[0]["id"]}).json()
    assert sum(v["original"] for v in story["versions"]) == 1


def test_limits_give_clear_errors(server, page):
    big = "The ferry sails at noon. " * 45_000  # ~1.1 MB, over the default 1,000,000-byte limit
    r = page.request.post(server + "/api/compare", data={"a": big, "b": "The ferry sails at noon."})
    assert r.status == 400 and "larger than 1,000,000 bytes" in r.json()["error"]
    many = "\n".join(f"Sentence number {k} is here." for k in range(700))  # over 600 sentences
    r = page.request.post(server + "/api/compare", data={"a": many, "b": "Sentence number 1 is here."})
    assert r.status == 400 and "more than 600 sentences" in r.json()["error"]


def test_api_has_one_error_shape(server, page, store):
    bad = page.request.post(server + "/api/compare", data={"a": "Only one side."})
    assert bad.status == 422
    body = bad.json()
    assert body["error"].startswith("invalid request") and body["detail"][0]["where"] == "body.b"
    out_of_range = page.request.post(
        server + "/api/compare", data={"a": "x y", "b": "x z", "min_confidence": 3}
    )
    assert out_of_range.status == 422 and "error" in out_of_range.json()
    missing = page.request.get(server + "/api/story", params={"id": "no-such-story"})
    assert missing.status == 400 and "no-such-story" in missing.json()["error"]
    assert str(store.parent) not in missing.json()["error"]  # no server paths in messages
    spec = page.request.get(server + "/openapi.json").json()
    assert "ErrorOut" in spec["components"]["schemas"]
    assert "422" in spec["paths"]["/api/compare"]["post"]["responses"]


def test_a_failed_submit_keeps_both_inputs_and_the_confidence_filter_works(server, page):
    page.goto(server + "/")
    assert page.locator("#min-confidence").count() == 0  # the filters only where they apply
    page.fill("#a_text", "The <b>bridge</b> opened on Monday.")
    page.fill("#b_text", "<html><body></body></html>")
    page.click("#go")
    page.wait_for_selector("p.error")
    assert "no article text" in page.locator("p.error").inner_text()
    assert page.input_value("#a_text") == "The <b>bridge</b> opened on Monday."
    assert page.input_value("#b_text") == "<html><body></body></html>"
    page.fill("#a_text", "Witnesses saw a grey van leave the depot. The mayor praised the small crew.")
    page.fill("#b_text", "Witnesses saw a white van leave the depot. The mayor praised the little crew.")
    page.click("#go")
    page.wait_for_selector("section.comparison")
    marked = page.locator("ol.changes li[data-confidence]")
    values = [float(x) for x in marked.evaluate_all("els => els.map(e => e.dataset.confidence)")]
    assert values and all(0 <= v <= 1 for v in values)
    page.select_option("#min-confidence", "0.9")
    visible = [v for v, el in zip(values, marked.all()) if el.is_visible()]
    assert all(v >= 0.9 for v in visible) and len(visible) < len(values) or min(values) >= 0.9


def test_keyboard_dark_theme_and_phone_width(server, page):
    compare_examples(page, server)
    links = page.locator("ol.changes li a")
    page.keyboard.press("n")
    assert page.evaluate("location.hash") == links.nth(0).get_attribute("href")
    page.keyboard.press("n")
    assert page.evaluate("location.hash") == links.nth(1).get_attribute("href")
    page.keyboard.press("p")
    assert page.evaluate("location.hash") == links.nth(0).get_attribute("href")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_changes_link_both_ways_and_a_story_is_collapsed_by_version(server, page):
    compare_examples(page, server)
    back = page.locator("tr.changed span.chg a.back").first
    target = back.get_attribute("href")
    back.click()
    assert page.locator(target).is_visible() and page.locator(target).evaluate("e => e.tagName") == "LI"
    page.goto(server + "/stories")
    page.locator("table.stories a").first.click()
    page.wait_for_selector("details.version")
    versions = page.locator("details.version")
    if versions.count() > 1:
        assert versions.nth(0).get_attribute("open") is not None
        assert versions.nth(1).get_attribute("open") is None
        link = page.locator('table.members a[href^="#v"]').nth(1)
        link.click()
        assert versions.nth(1).get_attribute("open") is not None


def test_the_derivation_tree_renders_and_the_story_feed_validates(server, page):
    import feedparser

    stories = page.request.get(server + "/api/stories").json()
    story = max(stories, key=lambda s: s["size"])
    page.goto(server + f"/story?id={story['id']}")
    tree = page.locator('section.tree[aria-label="derivation tree"]')
    assert tree.is_visible()
    items = tree.locator("li[data-version]")
    assert items.count() == story["size"]
    root = tree.locator("ul.tree > li").first
    assert root.get_attribute("data-version") == story["original"] and "likely original" in root.inner_text()
    child = root.locator("ul > li a").first  # a copy: its link opens its comparison with its parent
    child.click()
    target = page.locator(child.get_attribute("href"))
    assert target.is_visible()
    feed_link = page.locator('nav a[href^="/feed.atom"]')
    response = page.request.get(server + feed_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo and len(feed.entries) == story["size"] - 1
    assert all(e.content[0].value for e in feed.entries)
    bad = page.request.get(server + "/feed.atom")
    assert bad.status == 400


def test_phrase_alignment_from_the_form(server, page):
    page.goto(server + "/")
    page.fill("#a_text", "The ferry to the island was cancelled because of high winds.")
    page.fill("#b_text", "High winds forced the cancellation of the ferry to the island.")
    page.check("#chunks")
    page.click("#go")
    page.wait_for_selector("section.comparison")
    page.locator("details.phrases summary").first.click()
    assert "was cancelled ⟷ the cancellation" in page.locator("details.phrases").first.inner_text()
    # without the box, no phrases
    page.goto(server + "/")
    page.fill("#a_text", "The ferry to the island was cancelled because of high winds.")
    page.fill("#b_text", "High winds forced the cancellation of the ferry to the island.")
    page.click("#go")
    page.wait_for_selector("section.comparison")
    assert page.locator("details.phrases").count() == 0
