"""The default build carries its own Pyodide, Ace and Mermaid; ``WEEK4_CDN=1`` hashes the CDN's.

Here the CDN is not stood in for on the default build: every request that leaves 127.0.0.1
is aborted and recorded, and the test fails if there is any.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from browsing import TRYIT_EDITOR_READY, TRYIT_FINISHED, Pages, site_pages, wait_until

pytestmark = pytest.mark.browser


def test_no_page_of_the_default_build_names_a_third_party_script(site: Path):
    for path in site_pages(site):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in html, path
        assert "unpkg.com" not in html, path
    vendor = site / "assets" / "vendor"
    packages = sorted(p.name.split("@")[0] for p in vendor.iterdir())
    assert packages == ["ace-builds", "mermaid", "pyodide"]


def test_every_cdn_script_carries_the_integrity_hash_of_the_pinned_file(
    cdn_site: Path, node_modules: Path
):
    html = (cdn_site / "simulator" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(
        r'<script src="https://cdn[^"]*/npm/([^@"]+)@[^/"]+/([^"]+)"([^>]*)>', html
    )
    assert {name for name, _, _ in scripts} == {"mermaid", "ace-builds"}
    for name, path, attributes in scripts:
        digest = hashlib.sha384((node_modules / name / path).read_bytes()).digest()
        assert f'integrity="sha384-{base64.b64encode(digest).decode()}"' in attributes
        assert 'crossorigin="anonymous"' in attributes
    assert not (cdn_site / "assets" / "vendor").exists()


def test_the_default_simulator_page_runs_python_with_no_third_party_request(pages: Pages):
    page, traffic = pages.open("simulator/", map_cdn=False)
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


def test_the_cdn_build_runs_python_from_hashed_cdn_files(cdn_pages: Pages):
    page, traffic = cdn_pages.open("simulator/")
    wait_until(page, TRYIT_EDITOR_READY)
    page.locator("[data-tryit-run]").click()
    page.wait_for_function(TRYIT_FINISHED, timeout=90_000)
    assert page.locator("[data-tryit]").get_attribute("data-tryit-state") == "done"
    assert traffic.problems() == {}
