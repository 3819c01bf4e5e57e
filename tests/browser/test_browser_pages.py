"""Every page of the site as published, opened in Chromium at 1280 px in light and dark mode.

One walk visits every page once (the API reference's ~250 generated pages included) and
switches the colour scheme with Material's own toggle, as a reader would; what it finds on each
page is kept, and each test below asserts one kind of problem over the whole site:

- a page loads with no console error, no failed request and no request off the site's origin
  (the default build carries its own Pyodide, Ace and Mermaid: no CDN is stood in for here);
- its Mermaid diagrams render to SVG without a syntax error, and its charts are there;
- it is in the navigation: its own link is highlighted in the sidebar;
- no executed block hides its output behind a tab that is closed by default;
- no table or figure is wider than the text column;
- no text in a chart or a Mermaid diagram is smaller than 12 px at a 720 px column
  (Material renders Mermaid into a closed shadow root: ``OPEN_SHADOW_ROOTS`` opens it);
- no table cell or figure reads "None" or "nan";
- the interactive controls (Try-it buttons, explorable controls) contrast at least 4.5:1 with
  what is behind them;
- virtual time reads to 0.1 ms (``307.9 ms``), never ``55.2037 ms``;
- no "Traceback" shows, but a doctest's expected exception in the API reference, which
  Pygments marks as such (``<span class="gt">``).

A screenshot of every page in both modes lands in ``build/screenshots/`` (the first
:data:`SCREENSHOT_HEIGHT` px of a guide or scenario page, the first screen of a reference
page). The checks themselves are in ``guards.js``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browsing import (
    TRYIT_EDITOR_READY,
    Pages,
    Traffic,
    count_elements,
    screenshot_path,
    site_pages,
    wait_until,
)
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

COLUMN = 720  # px: the text column the figure rules are stated for
PAGES_PER_CONTEXT = 40
SCREENSHOT_HEIGHT = 6000  # px of a guide or scenario page in its screenshot
REFERENCE_HEIGHT = 900  # px: the API reference's ~250 generated pages are shot at one screen
DOCTEST_TRACEBACK = '<span class="gt">Traceback (most recent call last):</span>'
MERMAID_RENDERED = """(expected) => {
  const diagrams = [...document.querySelectorAll("div.mermaid")];
  return document.querySelectorAll("pre.mermaid").length === 0
    && diagrams.length === expected
    && diagrams.every((d) => d.shadowRoot && d.shadowRoot.querySelector("svg"));
}"""
MERMAID_TEXT = """[...document.querySelectorAll("div.mermaid")].map(
  (d) => d.shadowRoot.textContent)"""
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# A click on the palette toggle that is showing (Playwright's own click would first wait for
# the label to stand still over two animation frames: a third of the walk's time).
TOGGLE = f"""(() => {{
  const before = {SCHEME};
  document.querySelector("form[data-md-component=palette] label:not([hidden])").click();
  return before;
}})()"""
# Virtual time is shown to 0.1 ms everywhere; the Performance page and the API reference's
# examples are not virtual time.
TOO_PRECISE = re.compile(r"(?<![\d.])\d+\.\d{2,} ?ms\b")
MEASURED_IN_SECONDS = ("reference/", "performance/")
INSPECT = Path(__file__).with_name("guards.js").read_text(encoding="utf-8")
Findings = dict[str, dict[str, list[str]]]


def scheme_of(page: Page) -> str:
    """The colour scheme the page shows: light or dark."""
    return "dark" if page.evaluate(SCHEME) == "slate" else "light"


def toggle_scheme(page: Page) -> str:
    """Click Material's palette toggle, as a reader would; the scheme it switched to.

    Material keeps the choice in local storage, so the next page opens in it: the walk
    alternates which scheme a page is first seen in.
    """
    before = page.evaluate(TOGGLE)
    page.wait_for_function(f"{SCHEME} !== {before!r}", polling=20)
    return scheme_of(page)


def inspect(page: Page, found: dict[str, list[str]]) -> None:
    """Run ``guards.js`` in the scheme the page shows; add what it finds, scheme-labelled."""
    scheme = scheme_of(page)
    for guard, items in page.evaluate(INSPECT, COLUMN).items():
        found.setdefault(guard, []).extend(f"{scheme}: {item}" for item in items)


def visit(page: Page, traffic: Traffic, site: Path, base_url: str, path: str) -> Findings:
    """Open one page, check it in both schemes, screenshot both: guard -> what it found."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    built = count_elements(html)
    diagrams = built.classes.get(("pre", "mermaid"), 0)
    doctests = html.count(DOCTEST_TRACEBACK)
    for items in vars(traffic).values():
        items.clear()
    page.goto(base_url + path, wait_until="load")
    found: dict[str, list[str]] = {}
    if diagrams:
        page.wait_for_function(MERMAID_RENDERED, arg=diagrams)
        found["mermaid"] = [t[:80] for t in page.evaluate(MERMAID_TEXT) if "Syntax error" in t]
    if "data-tryit" in built.attributes:
        wait_until(page, TRYIT_EDITOR_READY)
    charts = page.locator("svg.week4-chart").count()
    if charts != built.classes.get(("svg", "week4-chart"), 0):
        found["charts"] = [f"{charts} charts drawn"]
    if html.count("Traceback") != doctests or (
        page.evaluate("document.body.innerText").count("Traceback") != doctests
    ):
        found["traceback"] = ["a Traceback that is not a doctest's"]
    if not path.startswith(MEASURED_IN_SECONDS):
        found["precision"] = sorted(set(TOO_PRECISE.findall(html)))
    if "data-tryit" not in built.attributes:
        found["python"] = [url for url in traffic.requests if "pyodide" in url]

    name = path.strip("/").replace("/", "-") or "home"
    schemes = [scheme_of(page)]
    inspect(page, found)
    schemes.append(toggle_scheme(page))
    inspect(page, found)
    tallest = SCREENSHOT_HEIGHT if not path.startswith("reference/") else REFERENCE_HEIGHT
    height = min(page.evaluate("document.documentElement.scrollHeight"), tallest)
    page.set_viewport_size({"width": 1280, "height": height})
    for scheme in (schemes[1], schemes[0]):
        shot = screenshot_path(f"{name}-{scheme}", ".jpeg")
        shot.unlink(missing_ok=True)
        page.screenshot(path=shot, type="jpeg", quality=85)
        if scheme == schemes[1]:
            toggle_scheme(page)
    found["traffic"] = [f"{kind}: {items}" for kind, items in traffic.problems().items()]
    # Leave the page before the next one is opened, so what leaving cancels (the search
    # index still loading, say) is not charged to the next page.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("about:blank")
    return {guard: items for guard, items in found.items() if items}


def small_search_index(site: Path) -> str:
    """The site's search index cut to its first document (see :func:`findings`)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return json.dumps({**index, "docs": index["docs"][:1]})


@pytest.fixture(scope="module")
def findings(browser: Browser, site: Path, base_url: str) -> dict[str, Findings]:
    """Every page visited once: path -> guard -> what it found (empty when all is well).

    Each page's search worker would build Material's index of the whole site (1.5 MB of
    JSON) again: a quarter of the walk's time on two cores. The walk serves it cut to one
    document; the home page's own test below loads the real one. A fresh browser context
    every :data:`PAGES_PER_CONTEXT` pages keeps the renderer's memory from growing.
    """
    small = small_search_index(site)
    paths = site_pages(site)
    found: dict[str, Findings] = {}
    for start in range(0, len(paths), PAGES_PER_CONTEXT):
        pages = Pages(browser, base_url, site)  # nothing is served from node_modules here
        try:
            page, traffic = pages.open("", map_cdn=False)
            page.context.route(
                f"{base_url}search/search_index.json",
                lambda route: route.fulfill(body=small, content_type="application/json"),
            )
            page.goto("about:blank")
            for path in paths[start : start + PAGES_PER_CONTEXT]:
                found[path] = visit(page, traffic, site, base_url, path)
        finally:
            pages.close()
    return found


def failing(findings: dict[str, Findings], guard: str) -> dict[str, list[str]]:
    """The pages where ``guard`` found something, with what it found."""
    return {path: found[guard] for path, found in findings.items() if guard in found}


def test_the_walk_covers_every_page_of_the_site(findings, site):
    assert set(findings) == set(site_pages(site))
    assert {"", "simulator/", "reference/", "scenarios/"} <= set(findings)


def test_every_page_loads_with_no_error_and_no_request_off_the_sites_origin(findings):
    assert failing(findings, "traffic") == {}


def test_a_page_without_try_it_blocks_downloads_no_python(findings):
    assert failing(findings, "python") == {}


def test_every_diagram_and_chart_renders(findings):
    assert failing(findings, "mermaid") == {}
    assert failing(findings, "charts") == {}


def test_every_page_is_in_the_navigation(findings):
    assert failing(findings, "nav") == {}


def test_no_executed_block_hides_its_output_behind_a_tab(findings):
    assert failing(findings, "hidden") == {}


def test_no_table_or_figure_is_wider_than_the_text_column(findings):
    assert failing(findings, "wide") == {}


def test_no_text_in_a_figure_is_smaller_than_12_px_at_a_720_px_column(findings):
    assert failing(findings, "small") == {}


def test_no_table_or_figure_shows_none_or_nan(findings):
    assert failing(findings, "none") == {}


def test_interactive_controls_contrast_at_least_4_5_to_1_in_both_modes(findings):
    assert failing(findings, "contrast") == {}


def test_virtual_time_is_shown_to_a_tenth_of_a_millisecond(findings):
    assert failing(findings, "precision") == {}


def test_no_page_shows_a_traceback(findings):
    assert failing(findings, "traceback") == {}


def test_a_screenshot_of_every_page_in_both_modes(findings):
    for path in findings:
        name = path.strip("/").replace("/", "-") or "home"
        for scheme in ("light", "dark"):
            assert screenshot_path(f"{name}-{scheme}", ".jpeg").exists(), name


def test_the_home_page_loads_the_whole_search_index_and_no_python(browser, base_url, site):
    home = Pages(browser, base_url, site)
    page, traffic = home.open("", map_cdn=False)
    page.wait_for_load_state("networkidle")
    assert traffic.requests
    assert [url for url in traffic.requests if "pyodide" in url or "ace-builds" in url] == []
    assert f"{base_url}search/search_index.json" in traffic.requests
    assert traffic.problems() == {}
    home.close()
