"""The simulator page's Try-it block (Pyodide) and explorable figure, driven as a reader would.

The Try-it block must run the site's own wheel of week4 and print the same numbers the page
shows for seed 1; a learner's error must come back as one short line, not a page error; and
with the CDN unreachable the block must say so and keep a plain textarea. Moving the
explorable's sliders must show the result computed at build time for that setting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import (
    CDN,
    ROOT,
    TRYIT_EDITOR_READY,
    TRYIT_FINISHED,
    Pages,
    Traffic,
    screenshot_path,
    wait_until,
)
from playwright.sync_api import Browser, Page, expect

from week4.render.tables import cell_text

pytestmark = pytest.mark.browser

PAGE = "simulator/"
BOOT_TIMEOUT = 90_000


def version() -> str:
    text = (ROOT / "src" / "week4" / "__init__.py").read_text()
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match
    return match[1]


def pins() -> dict[str, str]:
    manifest: dict[str, dict[str, str]] = json.loads((ROOT / "package.json").read_text())
    return manifest["dependencies"]


@dataclass
class Simulator:
    page: Page
    traffic: Traffic
    built_output: str


@pytest.fixture(scope="module")
def simulator(browser: Browser, base_url: str, node_modules: Path) -> Iterator[Simulator]:
    """One simulator page for the module: Python boots once, the tests share it."""
    opened = Pages(browser, base_url, node_modules)
    page, traffic = opened.open(PAGE)
    wait_until(page, TRYIT_EDITOR_READY)
    yield Simulator(page, traffic, output(page))
    opened.close()


def run(page: Page) -> str:
    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=BOOT_TIMEOUT)
    state: str = page.locator("[data-tryit]").get_attribute("data-tryit-state") or ""
    return state


def output(page: Page) -> str:
    return page.locator("[data-tryit-output]").inner_text()


def type_code(page: Page, code: str) -> None:
    page.locator(".week4-tryit__editor .ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def tenths(value: str) -> str:
    """A value as the page prints it: decimals beyond the first rounded (0.1 ms)."""
    return re.sub(r"\b(\d+\.\d{2,})\b", lambda m: f"{float(m[1]):.1f}", value)


def metrics_in_text(text: str) -> dict[str, str]:
    """The metric/value rows of ``Result.to_text()``: after the first rule, up to a blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        name, value = re.split(r"\s{2,}", line.strip())
        rows[name] = value
    return rows


def test_try_it_runs_the_sites_own_wheel_and_prints_the_pages_numbers(simulator):
    page, traffic, built = simulator.page, simulator.traffic, simulator.built_output
    page.locator("[data-tryit-reset]").click()
    assert "Heartbeats across a partition" in built

    assert run(page) == "done", page.locator("[data-tryit-status]").inner_text()
    live = output(page)
    assert live == built
    assert page.locator("[data-tryit-label]").inner_text() == "Output of your run, in this browser"

    # The same numbers as the page's own partition table, computed for seed 1 at build time.
    table = page.locator("xpath=//h2[@id='a-partition-traced']/following::table[1]")
    rows = table.locator("tbody tr").all_inner_texts()
    page_metrics = dict(row.split("\t") for row in rows)
    # The page prints virtual times to 0.1 ms; the Try-it block prints the run's own floats.
    assert {name: tenths(value) for name, value in metrics_in_text(live).items()} == page_metrics

    wheel = f"assets/wheels/week4-{version()}-py3-none-any.whl"
    wheels = [url for url in traffic.requests if url.endswith(".whl")]
    assert wheels == [page.url.removesuffix(PAGE) + wheel]
    vendor = page.url.removesuffix(PAGE) + f"assets/vendor/pyodide@{pins()['pyodide']}/"
    assert any(url.startswith(vendor) for url in traffic.requests)
    assert traffic.cdn == []
    page.locator("[data-tryit]").screenshot(path=screenshot_path("simulator-tryit-run"))
    assert traffic.problems() == {}


def test_try_it_runs_edited_code_and_reports_a_learners_error_in_one_line(simulator):
    page, traffic = simulator.page, simulator.traffic
    type_code(page, "import week4\nprint(week4.__version__)\nprint(week4.__file__)\n1 / 0\n")
    assert run(page) == "error"
    text = output(page)
    lines = text.splitlines()
    assert lines[0] == version()
    assert lines[1].endswith("/site-packages/week4/__init__.py")
    assert lines[2] == "ZeroDivisionError: division by zero (line 4)"
    assert "Traceback" not in text
    assert page.locator(".week4-tryit__error").inner_text() == lines[2]

    type_code(page, "print(sum(range(")
    assert run(page) == "error"
    assert output(page).startswith("SyntaxError: ")
    assert traffic.problems() == {}

    page.locator("[data-tryit-reset]").click()
    expect(page.locator(".week4-tryit__editor .ace_content")).to_contain_text("partition-heal")


def test_try_it_without_the_cdn_says_so_and_keeps_a_plain_editor(cdn_pages: Pages):
    offline = (f"{CDN}pyodide@", f"{CDN}ace-builds@")
    page, traffic = cdn_pages.open(PAGE, offline=offline)
    built = output(page)
    textarea = page.locator("[data-tryit-code]")
    assert textarea.is_visible()
    assert page.locator(".week4-tryit__editor").count() == 0
    textarea.fill('print("edited")\n')

    assert run(page) == "unavailable"
    status = page.locator("[data-tryit-status]").inner_text()
    assert "did not load" in status
    assert "offline" in status
    assert output(page) == built
    assert traffic.blocked
    assert traffic.page_errors == []
    assert traffic.external == []
    page.locator("[data-tryit]").screenshot(path=screenshot_path("simulator-tryit-offline"))


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


def test_explorable_sliders_show_the_result_computed_for_each_setting(pages: Pages):
    page, traffic = pages.open(PAGE)
    figure = page.locator("[data-explorable]")
    assert figure.get_attribute("aria-label")
    loss = page.get_by_label("Loss probability")
    latency = page.get_by_label("Mean one-way latency")
    assert loss.get_attribute("type") == "range"
    wait_until(page, "document.querySelector('[data-explorable-controls]').hidden === false")
    assert figure.locator("[aria-live]").count() == 1

    def check(key: str) -> None:
        wait_until(
            page, f"document.querySelector('[data-explorable]').dataset.explorableKey == '{key}'"
        )
        state = figure_state(page)
        assert state["viewMatches"]
        assert state["status"] == state["summary"]
        result = state["result"]
        assert isinstance(result, dict)
        cells = state["cells"]
        assert isinstance(cells, list)
        assert dict(cells) == {name: cell_text(value) for name, value in result.items()}
        assert figure.locator("svg.week4-chart").count() == 1

    check("0.1|20")
    loss.focus()
    page.keyboard.press("ArrowRight")
    check("0.2|20")
    assert loss.get_attribute("aria-valuetext") == "0.2"
    assert page.locator("[data-explorable-output=loss]").inner_text() == "0.2"
    latency.focus()
    page.keyboard.press("End")
    check("0.2|40")
    assert latency.get_attribute("aria-valuetext") == "40 ms"
    loss.fill("0")
    check("0|40")
    state = figure_state(page)
    assert state["status"] == "loss probability 0, mean one-way latency 40 ms: " + (
        f"{state['result']['success rate (%)']:.1f}% of pings answered in time"  # type: ignore[index]
    )
    figure.screenshot(path=screenshot_path("simulator-explorable"))
    assert traffic.problems() == {}
