"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a uvicorn server
over the linked test corpus, under the Content-Security-Policy the app sends. Every page is
reached by clicking; console messages and page errors are collected and must stay empty;
screenshots are kept (their folder is printed)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web import pages_fixtures
from tests.web.app_for_pages import app_for_pages
from tests.web.served import serving

CHROMIUM = "/usr/bin/chromium"

corpus, linked = pages_fixtures.corpus, pages_fixtures.linked  # the shared store's fixtures


@pytest.fixture(scope="module")
def base_url(linked):
    store, _ = linked
    with serving(app_for_pages(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-screenshots")
    print(f"\nbrowser screenshots in {folder}")
    return folder


class Watched:
    """A page whose console messages, page errors and dialogs are collected."""

    def __init__(self, browser: Browser, base_url: str):
        self.context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
        self.page: Page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser, base_url):
    w = Watched(browser, base_url)
    yield w
    w.context.close()


def test_click_through_the_dashboard(watched, shots, linked):
    page = watched.page
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Stories")
    page.screenshot(path=shots / "1-stories.png", full_page=True)

    page.get_by_role("link", name="Britain's foreign secretary to visit Moscow").click()
    expect(page).to_have_url(re.compile(r"/stories/S[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text("Britain's foreign secretary to visit Moscow")
    expect(page.locator("table.events tbody tr")).not_to_have_count(0)
    expect(page.locator("ul.articles a.article-link")).to_have_count(2)
    page.screenshot(path=shots / "2-story.png", full_page=True)

    page.locator("a.article-link", has_text="Britain's foreign secretary to visit Moscow").click()
    expect(page).to_have_url(re.compile(rf"/articles/{linked[1]['visit-1']}$"))
    expect(page.locator("#fact-chain")).to_have_text("")
    page.locator('#article-text .fact-event[data-fact="event:v1"]').first.click()
    expect(page.locator("#fact-kind")).to_have_text("event")
    expect(page.locator("#fact-title")).to_have_text("CONSULT: David Cameron [GBRGOV] → Moscow [RUSGOV]")
    expect(page.locator("#fact-chain")).to_have_text("TASS (state media) ← a Foreign Ministry source (anonymous)")
    expect(page.locator("#fact-chain-links li")).to_have_text(
        ["TASS (state media)", "a Foreign Ministry source (anonymous)"]
    )
    expect(page.locator('#article-text .selected[data-fact="event:v1"]')).not_to_have_count(0)
    page.screenshot(path=shots / "3-article-event.png", full_page=True)

    page.locator('#article-text [data-fact="time:t1"]').click()
    expect(page.locator("#fact-title")).to_have_text("March 11")
    expect(page.locator("#fact-details")).to_contain_text("2024-03-11")
    expect(page.locator("#fact-chain")).to_have_text("TASS (state media) ← a Foreign Ministry source (anonymous)")

    page.locator("a.entity-link", has_text="Sergei Lavrov").click()
    expect(page).to_have_url(re.compile(r"/entities/\d+$"))
    expect(page.locator("h1")).to_have_text("Sergei Lavrov")
    expect(page.locator("dl.facts")).to_contain_text("RUSGOV")
    page.screenshot(path=shots / "4-entity.png", full_page=True)

    page.goto("/")
    page.locator('a[href="/dyads/GBR/RUS"]').first.click()
    expect(page).to_have_url(re.compile(r"/dyads/GBR/RUS$"))
    points = page.locator("#tension-chart circle.point")
    expect(points).not_to_have_count(0)
    expect(page.locator("#tension-chart circle.point.busy")).not_to_have_count(0)
    page.screenshot(path=shots / "5-dyad.png", full_page=True)

    page.get_by_role("link", name="Map").click()
    expect(page).to_have_url(re.compile(r"/map$"))
    expect(page.locator("#world-map .countries path")).to_have_count(177)
    expect(page.locator("#world-map a.map-point circle")).not_to_have_count(0)
    page.screenshot(path=shots / "6-map.png", full_page=True)
    page.locator("#world-map a.map-point").first.click()  # a point opens its article at the event
    expect(page).to_have_url(re.compile(r"/articles/\d+#event:v\d+$"))
    expect(page.locator("#fact-kind")).to_have_text("event")
    expect(page.locator("#article-text .fact.selected")).not_to_have_count(0)
    page.go_back()

    page.get_by_role("link", name="Search").click()
    page.get_by_role("searchbox").fill("Lavrov")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("ol.hits a.hit-link")).to_have_count(2)
    expect(page.locator("ol.hits mark").first).to_have_text("Lavrov")
    page.get_by_role("link", name="Reuters").click()
    expect(page.locator("ol.hits a.hit-link")).to_have_text(["Cameron to hold talks with Lavrov in Moscow"])
    page.screenshot(path=shots / "7-search.png", full_page=True)

    page.get_by_role("link", name="Actor graph").click()
    expect(page).to_have_url(re.compile(r"/graph$"))
    expect(page.locator("#actor-graph .graph-node")).not_to_have_count(0)
    expect(page.locator("#actor-graph a.graph-edge")).not_to_have_count(0)
    page.screenshot(path=shots / "8-graph.png", full_page=True)

    assert watched.errors == []
    assert watched.console == []


def test_a_script_in_an_article_shows_as_text(watched, shots, linked):
    page = watched.page
    page.goto(f"/articles/{linked[1]['script']}")
    expect(page.locator("h1")).to_have_text("An article with <b>markup</b> in its title")
    expect(page.locator("#article-text")).to_contain_text("the words <script>alert(1)</script> in a defaced page")
    assert page.locator("#article-text script, h1 b").count() == 0
    page.locator("#article-text .fact-event").first.click()  # the page's own script runs
    expect(page.locator("#fact-kind")).to_have_text("event")
    page.screenshot(path=shots / "9-script-article.png", full_page=True)
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.console == []
