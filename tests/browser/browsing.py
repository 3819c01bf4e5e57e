"""Helpers for the browser tests: build, serve, and open pages whose every request is watched.

Every request that does not go to the local server is routed: jsDelivr's
``/npm/<package>@<version>/<path>`` URLs are answered from ``node_modules`` (after checking the
version asked for is the one installed, with the right content type), and anything else is
aborted and recorded, so a test fails if a page tries to reach any other host.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CDN = "https://cdn.jsdelivr.net/npm/"
CDN_PATH = re.compile(r"(?P<name>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>[^?#]+)")
SCREENSHOTS = ROOT / "build" / "screenshots"
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".css": "text/css",
    ".map": "application/json",
    ".py": "text/x-python",
}
# The state of the page's (first) Try-it block.
TRYIT_EDITOR_READY = "document.querySelector('[data-tryit]').dataset.tryitEditor === 'ace'"
TRYIT_FINISHED = (
    "['done', 'error', 'unavailable', 'stopped'].includes("
    "document.querySelector('[data-tryit]').dataset.tryitState)"
)
# Material renders Mermaid into a closed shadow root: open it so tests can see the SVG.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
})();
"""


@dataclass
class Build:
    """A strict ``mkdocs build`` running in the background, into ``target``."""

    target: Path
    process: subprocess.Popen[bytes]
    log: Path

    def wait(self) -> Path:
        """The built site; the test fails with the build's log if the build failed."""
        if self.process.wait(timeout=900) != 0:
            output = self.log.read_text(errors="replace")
            pytest.fail(f"mkdocs build --strict failed (log: {self.log}):\n{output[-6000:]}")
        return self.target

    def stop(self) -> None:
        """Stop the build if it still runs (a session that never needed it)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def start_build(target: Path, *, cdn: bool = False) -> Build:
    """Start building the site strictly into ``target``: self-hosted assets, or CDN mode."""
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("WEEK4_CDN", None)
    if cdn:
        env["WEEK4_CDN"] = "1"
    if target.exists():
        shutil.rmtree(target)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    log = target.with_name(target.name + ".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Build(target, process, log)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **TYPES,
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(site: Path) -> list[str]:
    """The path of every page of a built site, relative to its root (``""`` is the home)."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


class _Counter(HTMLParser):
    """Counts elements of a built page by tag and class."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: dict[tuple[str, str], int] = {}
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.add(name)
            if name == "class" and value:
                for cls in value.split():
                    self.classes[tag, cls] = self.classes.get((tag, cls), 0) + 1


def count_elements(html: str) -> _Counter:
    """Parse a built page: how many ``(tag, class)`` elements, which attributes occur."""
    counter = _Counter()
    counter.feed(html)
    return counter


@dataclass
class Traffic:
    """What a page asked for, and what went wrong, as seen by the browser."""

    requests: list[str] = field(default_factory=list)
    cdn: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        """Everything that should be empty on a healthy page, that is not."""
        found = {
            "requests to other hosts": self.external,
            "failed requests": self.failed,
            "console errors": self.console_errors,
            "page errors": self.page_errors,
        }
        return {name: items for name, items in found.items() if items}


def cdn_file(url: str, node_modules: Path) -> tuple[Path | None, str]:
    """The file in node_modules that stands for a jsDelivr npm URL, or why there is none."""
    match = CDN_PATH.fullmatch(url.removeprefix(CDN).split("?")[0])
    if not match:
        return None, "not an npm package path"
    name, version, path = match["name"], match["version"], match["path"]
    manifest = node_modules / name / "package.json"
    if not manifest.exists():
        return None, f"{name} is not in node_modules"
    installed = json.loads(manifest.read_text())["version"]
    if installed != version:
        return None, f"the page asks for {name}@{version}, node_modules has {installed}"
    file = (node_modules / name / path).resolve()
    if not file.is_file() or node_modules.resolve() not in file.parents:
        return None, f"no {path} in {name}@{version}"
    return file, ""


@dataclass
class Pages:
    """Opens pages in fresh browser contexts whose every request is watched and routed."""

    browser: Browser
    base_url: str
    node_modules: Path
    contexts: list[BrowserContext] = field(default_factory=list)

    def open(
        self,
        path: str = "",
        *,
        color_scheme: str = "light",
        offline: tuple[str, ...] = (),
        map_cdn: bool = True,
    ) -> tuple[Page, Traffic]:
        """Open ``path`` of the site; requests to URLs starting with ``offline`` fail.

        With ``map_cdn=False`` CDN requests are treated like any other host's: aborted and
        recorded as external.
        """
        context = self.browser.new_context(
            color_scheme=color_scheme,  # type: ignore[arg-type]
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        self.contexts.append(context)
        traffic = Traffic()
        context.add_init_script(OPEN_SHADOW_ROOTS)

        def route(route: Route) -> None:
            url = route.request.url
            if offline and url.startswith(offline):
                traffic.blocked.append(url)
                route.abort("internetdisconnected")
            elif map_cdn and url.startswith(CDN):
                traffic.cdn.append(url)
                file, why = cdn_file(url, self.node_modules)
                if file is None:
                    traffic.failed.append(f"{url}: {why}")
                    route.abort("failed")
                else:
                    route.fulfill(
                        path=file,
                        content_type=TYPES.get(file.suffix, "application/octet-stream"),
                        headers={"access-control-allow-origin": "*"},
                    )
            else:
                traffic.external.append(url)
                route.abort("blockedbyclient")

        def is_remote(url: str) -> bool:
            return not url.startswith(self.base_url) and urlsplit(url).scheme in {"http", "https"}

        context.route(is_remote, route)
        context.on("request", lambda request: traffic.requests.append(request.url))
        context.on("requestfailed", lambda request: _failed(request, traffic))
        context.on(
            "response",
            lambda response: (
                traffic.failed.append(f"{response.url}: HTTP {response.status}")
                if response.status >= 400
                else None
            ),
        )
        context.on(
            "console",
            lambda message: (
                traffic.console_errors.append(f"{message.text} at {message.location}")
                if message.type == "error"
                else None
            ),
        )
        context.on("weberror", lambda error: traffic.page_errors.append(str(error.error)))
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(self.base_url + path, wait_until="load")
        return page, traffic

    def close(self) -> None:
        """Close every context opened."""
        for context in self.contexts:
            context.close()
        self.contexts.clear()


def _failed(request: Request, traffic: Traffic) -> None:
    url = request.url
    if url in traffic.external or url in traffic.blocked:
        return  # aborted on purpose, and recorded as such
    if any(entry.startswith(url + ":") for entry in traffic.failed):
        return
    traffic.failed.append(f"{url}: {request.failure}")


def screenshot_path(name: str, suffix: str = ".png") -> Path:
    """Where a screenshot goes (``build/screenshots``, git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}{suffix}"


def wait_until(page: Page, script: str, timeout: float = 30_000) -> Any:
    """Wait until ``script`` (a JavaScript expression) is truthy; return its value."""
    return page.wait_for_function(script, timeout=timeout).json_value()
