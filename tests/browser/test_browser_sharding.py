"""The sharding chapter in a browser: its Try-it block runs, its explorable moves.

The first page's Try-it block must run the site's own wheel and print what the build
printed; the explorable on the last page must show, for each setting of its controls, the
result computed at build time.
"""

from __future__ import annotations

import pytest
from browsing import TRYIT_EDITOR_READY, TRYIT_FINISHED, Pages, screenshot_path, wait_until
from playwright.sync_api import Page

from week4.render.tables import cell_text

pytestmark = pytest.mark.browser

BOOT_TIMEOUT = 90_000


def test_the_first_pages_try_it_prints_the_builds_output(pages: Pages) -> None:
    page, traffic = pages.open("sharding/")
    wait_until(page, TRYIT_EDITOR_READY)
    built = page.locator("[data-tryit-output]").inner_text()
    assert "modulo:" in built
    assert "ring:" in built
    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=BOOT_TIMEOUT)
    state = page.locator("[data-tryit]").get_attribute("data-tryit-state")
    assert state == "done", page.locator("[data-tryit-status]").inner_text()
    assert page.locator("[data-tryit-output]").inner_text() == built
    page.locator("[data-tryit]").screenshot(path=screenshot_path("sharding-tryit-run"))
    assert traffic.problems() == {}


def explorable_state(page: Page) -> dict[str, object]:
    state: dict[str, object] = page.evaluate(
        """() => {
      const root = document.querySelector("[data-explorable]");
      const data = JSON.parse(root.querySelector("script[data-explorable-data]").textContent);
      const key = root.getAttribute("data-explorable-key");
      const view = root.querySelector("[data-explorable-view]");
      return {
        key,
        result: data.results[key],
        status: root.querySelector("[data-explorable-status]").textContent,
        summary: data.summaries[key],
        bars: view.querySelectorAll("svg rect[fill]").length,
        cells: [...view.querySelectorAll("tbody tr")].map(
          (row) => [...row.cells].map((cell) => cell.textContent)),
      };
    }"""
    )
    return state


def test_the_explorable_shows_the_build_result_for_each_setting(pages: Pages) -> None:
    page, traffic = pages.open("sharding/choosing/")
    wait_until(page, "document.querySelector('[data-explorable-controls]').hidden === false")
    figure = page.locator("[data-explorable]")

    def check(key: str) -> dict[str, object]:
        wait_until(
            page, f"document.querySelector('[data-explorable]').dataset.explorableKey == '{key}'"
        )
        state = explorable_state(page)
        result = state["result"]
        assert isinstance(result, dict)
        assert state["status"] == state["summary"]
        cells = state["cells"]
        assert isinstance(cells, list)
        assert dict(cells) == {k: cell_text(v) for k, v in result["metrics"].items()}
        return state

    first = check("8|100|uniform")
    shards = page.get_by_label("Shards", exact=True)
    shards.focus()
    page.keyboard.press("ArrowRight")
    grown = check("16|100|uniform")
    assert grown["bars"] != first["bars"]
    page.get_by_label("Keys", exact=True).select_option(label="zipf")
    check("16|100|zipf")
    vnodes = page.get_by_label("Virtual nodes per shard", exact=True)
    vnodes.focus()
    page.keyboard.press("Home")
    check("16|1|zipf")
    figure.screenshot(path=screenshot_path("sharding-explorable"))
    assert traffic.problems() == {}
