"""Every page of the built site, opened in Chromium in light and dark mode.

A page passes when it loads with no console error, no failed request and no request to a
host other than the local server and the pinned CDN paths; its Mermaid diagrams render to
SVG and its charts are there; no "Traceback" shows; and, unless it has a Try-it block, it
downloads nothing of Pyodide. Screenshots of both modes land in ``build/screenshots/``.

The one "Traceback" allowed is a doctest's expected exception in the API reference, which
Pygments marks as such (``<span class="gt">``); any other is an error leaking onto a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Pages, count_elements, screenshot_path, site_pages, wait_until
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MERMAID_RENDERED = """(expected) => {
  const diagrams = [...document.querySelectorAll("div.mermaid")];
  return document.querySelectorAll("pre.mermaid").length === 0
    && diagrams.length === expected
    && diagrams.every((d) => d.shadowRoot && d.shadowRoot.querySelector("svg"));
}"""
SCREENSHOT_HEIGHT = 6000  # the API reference runs to 100,000 px; its top says enough
DOCTEST_TRACEBACK = '<span class="gt">Traceback (most recent call last):</span>'
MERMAID_TEXT = """[...document.querySelectorAll("div.mermaid")].map(
  (d) => d.shadowRoot.textContent)"""


def switch_to_dark(page: Page) -> None:
    """Click Material's palette toggle, as a reader would."""
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")


def check_page(pages: Pages, site: Path, path: str) -> None:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    built = count_elements(html)
    diagrams = built.classes.get(("pre", "mermaid"), 0)
    charts = built.classes.get(("svg", "week4-chart"), 0)
    has_tryit = "data-tryit" in built.attributes
    doctests = html.count(DOCTEST_TRACEBACK)
    assert html.count("Traceback") == doctests

    page, traffic = pages.open(path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    if diagrams:
        page.wait_for_function(MERMAID_RENDERED, arg=diagrams)
        for text in page.evaluate(MERMAID_TEXT):
            assert "Syntax error" not in text
    assert page.locator("svg.week4-chart").count() == charts
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.innerText").count("Traceback") == doctests

    name = path.strip("/").replace("/", "-") or "home"
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": 1280, "height": height})
    page.screenshot(path=screenshot_path(f"{name}-light"))
    switch_to_dark(page)
    page.screenshot(path=screenshot_path(f"{name}-dark"))

    if not has_tryit:
        assert [url for url in traffic.requests if "pyodide" in url] == []
    assert traffic.problems() == {}


def walked(paths: list[str]) -> list[str]:
    """Every page but the API reference's, whose ~250 generated pages are alike: its index
    and the first page of each top-level package stand for them (CI's time is bounded)."""
    reference = [p for p in paths if p.startswith("reference/")]
    first_of_package: dict[str, str] = {}
    for path in reference:
        dotted = path.split("/")[1].split(".")
        first_of_package.setdefault(dotted[1] if len(dotted) > 1 else "", path)
    return [p for p in paths if not p.startswith("reference/")] + sorted(
        set(first_of_package.values())
    )


def test_every_page_loads_cleanly_in_light_and_dark_mode(pages, site, subtests):
    paths = walked(site_pages(site))
    assert "" in paths
    assert "simulator/" in paths
    assert "reference/" in paths
    for path in paths:
        with subtests.test(page=path or "home"):
            try:
                check_page(pages, site, path)
            finally:
                pages.close()


def test_a_page_without_try_it_blocks_downloads_no_python(pages, site):
    assert "data-tryit" not in count_elements((site / "index.html").read_text()).attributes
    page, traffic = pages.open("")
    page.wait_for_load_state("networkidle")
    assert traffic.requests
    assert [url for url in traffic.requests if "pyodide" in url or "ace-builds" in url] == []
    assert traffic.problems() == {}
