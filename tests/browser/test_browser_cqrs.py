"""The CQRS chapter as a reader meets it: the Try-it block runs, the explorable moves.

The first page's Try-it block must run the staleness lab in the browser (Pyodide, the
site's own wheel) and print the numbers the page was built with; the explorable figure on
the fixes page must show, for each setting of its controls, the result computed at build
time, and its caption must say what that result says.
"""

from __future__ import annotations

import pytest
from browsing import TRYIT_EDITOR_READY, TRYIT_FINISHED, Pages, screenshot_path, wait_until
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

BOOT_TIMEOUT = 120_000


def output(page: Page) -> str:
    return page.locator("[data-tryit-output]").inner_text()


def test_try_it_runs_the_staleness_lab_and_prints_the_pages_numbers(pages: Pages) -> None:
    page, traffic = pages.open("cqrs/")
    wait_until(page, TRYIT_EDITOR_READY)
    built = output(page)
    assert "wait-for-position" in built
    assert "missed   0.0%" in built

    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=BOOT_TIMEOUT)
    state = page.locator("[data-tryit]").get_attribute("data-tryit-state")
    assert state == "done", page.locator("[data-tryit-status]").inner_text()
    assert output(page) == built
    assert page.locator("[data-tryit-label]").inner_text() == "Output of your run, in this browser"
    page.locator("[data-tryit]").screenshot(path=screenshot_path("cqrs-tryit-run"))
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


def test_the_explorable_shows_the_lab_computed_for_each_lag(pages: Pages) -> None:
    page, traffic = pages.open("cqrs/fixes/")
    figure = page.locator("[data-explorable]")
    wait_until(page, "document.querySelector('[data-explorable-controls]').hidden === false")
    lag = page.get_by_label("Mean projection lag")
    kind = page.get_by_label("Lag distribution")
    assert lag.get_attribute("type") == "range"

    def check(key: str) -> list[dict[str, object]]:
        wait_until(
            page, f"document.querySelector('[data-explorable]').dataset.explorableKey == '{key}'"
        )
        state = figure_state(page)
        assert state["viewMatches"]
        assert state["status"] == state["summary"]
        records = state["result"]
        assert isinstance(records, list)
        cells = state["cells"]
        assert isinstance(cells, list)
        assert [row[0] for row in cells] == [r["strategy"] for r in records]
        assert [row[1] for row in cells] == [
            f"{r['read_after_write_failure_rate'] * 100:.1f}%" for r in records
        ]
        assert figure.locator("svg.week4-chart").count() == 1
        return records

    def missed(records: list[dict[str, object]], strategy: str) -> float:
        rate = next(r for r in records if r["strategy"] == strategy)
        value = rate["read_after_write_failure_rate"]
        assert isinstance(value, float | int)
        return float(value)

    at_20 = check("exponential|20")
    lag.focus()
    page.keyboard.press("Home")
    at_0 = check("exponential|0")
    assert lag.get_attribute("aria-valuetext") == "0 ms"
    assert missed(at_0, "async") == 0
    page.keyboard.press("End")
    at_100 = check("exponential|100")
    assert missed(at_100, "async") >= missed(at_20, "async") > 0
    assert missed(at_100, "wait-for-position") == 0
    kind.select_option(label="long-tail")
    check("long-tail|100")
    figure.screenshot(path=screenshot_path("cqrs-explorable"))
    assert traffic.problems() == {}
