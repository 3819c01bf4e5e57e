"""Try-it runs Python in a Web Worker: an endless run can be stopped, and the tab stays free.

Reset then brings back the code and the output from when the site was built, with its label.
"""

from __future__ import annotations

import pytest
from browsing import TRYIT_EDITOR_READY, Pages, wait_until

pytestmark = pytest.mark.browser


def test_an_endless_try_it_run_can_be_stopped_and_reset_restores_the_built_output(
    pages: Pages,
):
    page, traffic = pages.open("simulator/", map_cdn=False)
    wait_until(page, TRYIT_EDITOR_READY)
    built = page.locator("[data-tryit-output]").inner_text()
    label = page.locator("[data-tryit-label]").inner_text()
    page.locator(".week4-tryit__editor .ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text("while True:\n    pass\n")
    page.locator("[data-tryit-run]").click()
    wait_until(page, "document.querySelector('[data-tryit]').dataset.tryitState === 'running'")
    assert page.evaluate("1 + 1") == 2  # the page's thread is free while Python loops
    stop = page.locator("[data-tryit-stop]")
    assert stop.is_visible()
    stop.click()
    state = page.locator("[data-tryit]").get_attribute("data-tryit-state")
    assert state == "stopped"
    assert "Stopped" in page.locator("[data-tryit-status]").inner_text()
    assert not stop.is_visible()
    assert page.locator("[data-tryit-run]").is_enabled()

    page.locator("[data-tryit-reset]").click()
    assert page.locator("[data-tryit-output]").inner_text() == built
    assert page.locator("[data-tryit-label]").inner_text() == label
    assert traffic.problems() == {}
    assert traffic.cdn == []
