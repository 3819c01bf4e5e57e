"""``WEEK4_SELF_HOST=1``: the site carries its own Pyodide, Ace and Mermaid, and contacts no one.

Here the CDN is not stood in for: every request that leaves 127.0.0.1 is aborted and
recorded, and the test fails if there is any.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import (
    TRYIT_EDITOR_READY,
    TRYIT_FINISHED,
    Pages,
    serve,
    site_pages,
    wait_until,
)
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def self_hosted_pages(
    browser: Browser, self_hosted_site: Path, node_modules: Path
) -> Iterator[Pages]:
    server = serve(self_hosted_site)
    opened = Pages(browser, next(server), node_modules)
    yield opened
    opened.close()
    server.close()


def test_no_self_hosted_page_names_a_third_party_script(self_hosted_site: Path):
    for path in site_pages(self_hosted_site):
        html = (self_hosted_site / path / "index.html").read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in html, path
        assert "unpkg.com" not in html, path
    vendor = self_hosted_site / "assets" / "vendor"
    packages = sorted(p.name.split("@")[0] for p in vendor.iterdir())
    assert packages == ["ace-builds", "mermaid", "pyodide"]


def test_the_self_hosted_simulator_page_runs_python_with_no_third_party_request(
    self_hosted_pages: Pages,
):
    page, traffic = self_hosted_pages.open("simulator/", map_cdn=False)
    wait_until(page, TRYIT_EDITOR_READY)
    built = page.locator("[data-tryit-output]").inner_text()
    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=90_000)
    assert page.locator("[data-tryit]").get_attribute("data-tryit-state") == "done"
    assert page.locator("[data-tryit-output]").inner_text() == built
    wait_until(
        page,
        "[...document.querySelectorAll('div.mermaid')].every("
        "(d) => d.shadowRoot && d.shadowRoot.querySelector('svg'))"
        " && document.querySelectorAll('div.mermaid').length > 0",
    )
    page.wait_for_load_state("networkidle")
    assert traffic.cdn == []
    assert traffic.problems() == {}
    assert any("/assets/vendor/pyodide@" in url for url in traffic.requests)
