"""Fixtures for the browser tests: a strict build of the site, a local server, Chromium.

The site is built once per session (``mkdocs build --strict`` into ``build/site-test``, so a
stale ``build/site`` is never tested) and served by ``http.server`` on 127.0.0.1. Chromium
is Debian's (``/usr/bin/chromium``), driven by Playwright's sync API. Every test module here
is marked ``browser``: ``pytest -m 'not browser'`` skips them.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, Pages, serve, start_build
from playwright.sync_api import Browser, sync_playwright

BUILT_SITE = "WEEK4_BUILT_SITE"


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, installed with apt-get when it is missing and we are root."""
    if not CHROMIUM.exists() and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            subprocess.run(command, env=env, capture_output=True, check=False, timeout=900)
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or deselect them with -m 'not browser'"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """``node_modules`` at package.json's pins (``npm ci``; the Makefile runs it)."""
    pins = json.loads((ROOT / "package.json").read_text())["dependencies"]
    for name, version in pins.items():
        manifest = ROOT / "node_modules" / name / "package.json"
        found = json.loads(manifest.read_text())["version"] if manifest.exists() else None
        if found != version:
            pytest.fail(f"node_modules has {name} {found}, package.json pins {version}: run npm ci")
    return ROOT / "node_modules"


@pytest.fixture(scope="session")
def builds(node_modules: Path) -> Iterator[dict[str, Build]]:
    """Both builds of the site, started together (two cores: the second costs little).

    ``make test`` has just built the published site strictly (``make docs``) and names it in
    ``WEEK4_BUILT_SITE``: then only the CDN build is started here.
    """
    started = {"cdn": start_build(ROOT / "build" / "site-cdn", cdn=True)}
    if not os.environ.get(BUILT_SITE):
        started["default"] = start_build(ROOT / "build" / "site-test")
    yield started
    for build in started.values():
        build.stop()


@pytest.fixture(scope="session")
def site(builds: dict[str, Build]) -> Path:
    """The site as published: Pyodide, Ace and Mermaid self-hosted, built for this session."""
    built = os.environ.get(BUILT_SITE)
    if not built:
        return builds["default"].wait()
    if not (Path(built) / "index.html").exists():
        pytest.fail(f"{BUILT_SITE}={built} names no built site: run make docs first")
    return Path(built)


@pytest.fixture(scope="session")
def cdn_site(builds: dict[str, Build]) -> Path:
    """The site built with ``WEEK4_CDN=1``: third-party scripts from the CDN, with SRI hashes."""
    return builds["cdn"].wait()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The URL the session's site is served at."""
    yield from serve(site)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    """A headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def cdn_base_url(cdn_site: Path) -> Iterator[str]:
    """The URL the CDN-mode site is served at."""
    yield from serve(cdn_site)


@pytest.fixture
def cdn_pages(browser: Browser, cdn_base_url: str, node_modules: Path) -> Iterator[Pages]:
    """Opens pages of the CDN-mode site (the CDN stood in for from node_modules)."""
    opened = Pages(browser, cdn_base_url, node_modules)
    yield opened
    opened.close()


@pytest.fixture
def pages(browser: Browser, base_url: str, node_modules: Path) -> Iterator[Pages]:
    """Opens pages of the session's site, each in a fresh context; closes them afterwards."""
    opened = Pages(browser, base_url, node_modules)
    yield opened
    opened.close()
