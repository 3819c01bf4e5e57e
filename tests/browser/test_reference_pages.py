"""The API reference documents each object once: on the page of the module that defines it.

A package's page renders its docstring and what its ``__init__`` defines; the names it
re-exports are summary tables whose links lead to the defining module's page.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import site_pages  # noqa: E402
from browsing import Pages  # noqa: E402

pytestmark = pytest.mark.browser

PACKAGES = [
    module
    for modules in site_pages.reference_groups().values()
    for module in modules
    if site_pages.own_exports(module) is not None
]


def _exports(module: str) -> list[str]:
    init = ROOT / "src" / Path(*module.split(".")) / "__init__.py"
    found = re.search(r"__all__ = \[(.*?)\]", init.read_text(), re.S)
    assert found, module
    return re.findall(r'"(\w+)"', found.group(1))


def test_every_package_with_re_exports_is_found() -> None:
    assert {"week4.sim", "week4.cqrs", "week4.scenarios", "week4.sharding"} <= set(PACKAGES)


@pytest.mark.parametrize("module", PACKAGES)
def test_a_package_page_documents_only_its_own_names_and_links_every_re_export(
    site: Path, module: str
) -> None:
    html = (site / "reference" / module / "index.html").read_text()
    documented = set(re.findall(r'<h\d id="([\w.]+)" class="doc doc-heading">', html))
    own_names = set(site_pages.own_exports(module) or [])
    assert documented - {module} == {f"{module}.{name}" for name in own_names}
    links = set(re.findall(r'href="\.\./([\w.]+)/#([\w.]+)"', html))
    for name in set(_exports(module)) - own_names:
        pages = anchors_by_page(site)
        under = [page for page in pages if page.startswith(module + ".")]
        # griffe takes a function re-exported under its module's name (strategies.crc16) for
        # the module: the link then leads to that module's page, where the function is.
        modules = {(page, page) for page in under if page.rsplit(".", 1)[-1] == name}
        objects = {(page, f"{page}.{name}") for page in under if f"{page}.{name}" in pages[page]}
        documented_at = modules or objects
        if documented_at:  # an object without a docstring is documented nowhere
            assert links & documented_at, f"{module}.{name} does not link to {documented_at}"


@functools.cache
def anchors_by_page(site: Path) -> dict[str, set[str]]:
    """The objects each module page of the reference documents, by module."""
    return {
        page.parent.name: set(
            re.findall(r'id="([\w.]+)" class="doc doc-heading"', page.read_text())
        )
        for page in (site / "reference").glob("week4*/index.html")
    }


def test_searching_for_a_class_finds_its_one_documentation_page(pages: Pages) -> None:
    """Material's search (lunr, in a web worker) over the built index, as a reader uses it."""
    page, traffic = pages.open("", map_cdn=False)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Simulator", delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    documented = [h for h in hrefs if h.endswith("#week4.sim.clock.Simulator")]
    assert documented, hrefs  # among the first results, on the page of its module
    assert all("/reference/week4.sim.clock/" in h for h in documented), hrefs
    assert not [h for h in hrefs if h.endswith("#week4.sim.Simulator")], hrefs
    assert traffic.problems() == {}
