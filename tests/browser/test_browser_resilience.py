"""The resilience chapter as a reader meets it: the Try-it block runs, the explorable moves.

The first page's Try-it block must run the retry storm in the browser (Pyodide, the site's
own wheel) and print the numbers the page was built with; the last page's explorable must
show, for each setting of its controls, the result computed at build time.
"""

from __future__ import annotations

import pytest
from browsing import TRYIT_EDITOR_READY, TRYIT_FINISHED, Pages, screenshot_path, wait_until
from playwright.sync_api import Page

from week4.render.tables import cell_text

pytestmark = pytest.mark.browser

BOOT_TIMEOUT = 120_000
HIDDEN = ("outcomes", "no protection")


def output(page: Page) -> str:
    return page.locator("[data-tryit-output]").inner_text()


def test_try_it_runs_the_retry_storm_and_prints_the_pages_numbers(pages: Pages):
    page, traffic = pages.open("resilience/")
    wait_until(page, TRYIT_EDITOR_READY)
    built = output(page)
    assert "succeeded long after the spike, retries (%)" in built

    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=BOOT_TIMEOUT)
    state = page.locator("[data-tryit]").get_attribute("data-tryit-state")
    assert state == "done", page.locator("[data-tryit-status]").inner_text()
    assert output(page) == built
    assert page.locator("[data-tryit-label]").inner_text() == "Output of your run, in this browser"
    page.locator("[data-tryit]").screenshot(path=screenshot_path("resilience-tryit-run"))
    assert traffic.problems() == {}


def figure_state(page: Page) -> dict[str, object]:
    state: dict[str, object] = page.evaluate(
        """() => {
      const root = document.querySelector("[data-explorable]");
      const data = JSON.parse(root.querySelector("script[data-explorable-data]").textContent);
      const key = root.getAttribute("data-explorable-key");
      const expected = document.createElement("div");
      expected.innerHTML = data.views[key];
      const view = root.querySelector("[data-explorable-view]");
      return {
        key,
        result: data.results[key],
        viewMatches: view.innerHTML === expected.innerHTML,
        status: root.querySelector("[data-explorable-status]").textContent,
        summary: data.summaries[key],
        cells: [...view.querySelectorAll("tbody tr")].map(
          (row) => [...row.cells].map((cell) => cell.textContent)),
      };
    }"""
    )
    return state


def test_the_explorable_shows_the_result_computed_for_each_setting(pages: Pages):
    page, traffic = pages.open("resilience/explore/")
    figure = page.locator("[data-explorable]")
    wait_until(page, "document.querySelector('[data-explorable-controls]').hidden === false")
    failure = page.get_by_label("Random failure rate")
    threshold = page.get_by_label("Breaker threshold")
    wait = page.get_by_label("Retry wait")
    assert failure.get_attribute("type") == "range"

    def check(key: str) -> dict[str, object]:
        wait_until(
            page, f"document.querySelector('[data-explorable]').dataset.explorableKey == '{key}'"
        )
        state = figure_state(page)
        assert state["viewMatches"]
        assert state["status"] == state["summary"]
        result = state["result"]
        assert isinstance(result, dict)
        shown = {k: cell_text(v) for k, v in result.items() if k not in HIDDEN}
        assert dict(state["cells"]) == shown  # type: ignore[arg-type]
        assert figure.locator("svg.week4-chart").count() == 1
        return result

    first = check("0.2|0.5|full-jitter")
    failure.focus()
    page.keyboard.press("ArrowRight")
    moved = check("0.4|0.5|full-jitter")
    assert moved != first
    threshold.focus()
    page.keyboard.press("Home")
    low = check("0.4|0.25|full-jitter")
    assert low["short-circuited"] >= moved["short-circuited"]  # type: ignore[operator]
    wait.select_option("none")
    check("0.4|0.25|none")
    figure.screenshot(path=screenshot_path("resilience-explorable"))
    assert traffic.problems() == {}
