"""MkDocs hook: each page loads the browser code it needs, and nothing else, at pinned versions.

| on a page with                 | it loads                                                  |
|:-------------------------------|:----------------------------------------------------------|
| a Try-it block (``data-tryit``)| Pyodide (in a Web Worker), the Ace editor, ``tryit.js``   |
| a Mermaid diagram              | Mermaid (before Material asks for it), its theme fix      |
| an explorable figure           | ``javascripts/explorable.js`` (no third-party code)       |

Third-party versions are the exact pins of ``package.json``, so the npm lock, the pages and
the browser tests agree. By default (``make serve``, ``make build``, the published site) the
files are copied from ``node_modules`` (``npm ci``) into ``assets/vendor/<package>@<version>/``
and every URL points there: the site makes no third-party request at all. ``WEEK4_CDN=1``
loads them from jsDelivr instead (its ``/npm/`` paths mirror each npm package's layout); every
script tag then carries an ``integrity`` hash (SRI, sha384) computed from the ``node_modules``
copy, so a CDN that serves other bytes is refused by the browser.

Material loads Mermaid from its own CDN (an unpinned ``mermaid@11``) only when
``window.mermaid`` is missing; loading our pin first (``defer`` scripts run before
``DOMContentLoaded``, when Material mounts diagrams) keeps its version fixed.

Material also fetches the repository's stars and forks from the GitHub API on every page; the
hook drops the attribute that asks for them (the repository link stays), so no page contacts a
third party.

Try-it pages also get a small JSON config: where Pyodide and Ace live, the URL of the site's
own wheel of ``week4`` (the exact code the pages ran, built by ``scripts/gen_pages.py``), of
the runner shared with the build (``hooks/tryit.py``) and of the Web Worker that runs it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

CDN = "https://cdn.jsdelivr.net/npm/"
VENDOR = "assets/vendor/"
#: The files of each package the site uses, as laid out in the npm package.
FILES = {
    "pyodide": [
        "pyodide.js",
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    ],
    "ace-builds": [
        "src-min-noconflict/ace.js",
        "src-min-noconflict/mode-python.js",
        "src-min-noconflict/ext-searchbox.js",
    ],
    "mermaid": ["dist/mermaid.min.js"],
}
MARKERS = {
    "tryit": re.compile(r'<div class="week4-tryit" data-tryit>'),
    "mermaid": re.compile(r'<(?:pre|div) class="mermaid"'),
    "explorable": re.compile(r'<figure class="week4-explorable"'),
}
_state: dict[str, Any] = {}


def _pins(root: Path) -> dict[str, str]:
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    pins: dict[str, str] = manifest.get("dependencies", {})
    for name in FILES:
        version = pins.get(name, "")
        if not re.fullmatch(r"\d+\.\d+\.\d+", version):
            raise PluginError(f"package.json must pin {name} to an exact version, got {version!r}")
    return pins


def _installed(root: Path, name: str) -> str:
    path = root / "node_modules" / name / "package.json"
    if not path.exists():
        return "nothing"
    version: str = json.loads(path.read_text(encoding="utf-8"))["version"]
    return version


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    pins = _pins(root)
    self_host = os.environ.get("WEEK4_CDN", "") in {"", "0"}
    for name, version in pins.items():
        if name in FILES and _installed(root, name) != version:
            why = "self-hosts" if self_host else "hashes (SRI) the CDN copies of"
            raise PluginError(
                f"the site {why} {name} {version} from node_modules, found "
                f"{_installed(root, name)}: run `npm ci` (or `make node_modules`)"
            )
    _state.clear()  # a rebuild under mkdocs serve starts afresh (the version may change)
    _state.update(root=root, pins=pins, self_host=self_host, tryit_pages=[], sri={})
    return config


def _package_url(name: str, page_url: str) -> str:
    """The folder of an npm package's files, as seen from the page (ends with ``/``)."""
    folder = f"{name}@{_state['pins'][name]}/"
    if _state["self_host"]:
        return get_relative_url(VENDOR + folder, page_url).rstrip("/") + "/"
    return CDN + folder


def _sri(name: str, path: str) -> str | None:
    """The Subresource Integrity hash of a CDN file (its node_modules copy); None self-hosted."""
    if _state["self_host"]:
        return None
    key = f"{name}/{path}"
    if key not in _state["sri"]:
        data = (_state["root"] / "node_modules" / name / path).read_bytes()
        digest = base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")
        _state["sri"][key] = f"sha384-{digest}"
    sri: str = _state["sri"][key]
    return sri


def _integrity(name: str, path: str) -> str:
    """The attributes that make the browser check a CDN script's bytes ("" when self-hosted)."""
    sri = _sri(name, path)
    return f' integrity="{sri}" crossorigin="anonymous"' if sri else ""


def _wheel() -> str:
    if "version" not in _state:  # once a build, from the cache when warm (no import of week4)
        scripts = str(Path(__file__).resolve().parent.parent / "scripts")  # as site_nav.py
        if scripts not in sys.path:
            sys.path.insert(0, scripts)
        import site_pages

        _state["version"] = site_pages.package_facts()["version"]
    return f"assets/wheels/week4-{_state['version']}-py3-none-any.whl"


def _tags(needs: set[str], page_url: str) -> list[str]:
    def ours(path: str) -> str:
        return get_relative_url(path, page_url)

    tags = []
    if "mermaid" in needs:
        mermaid = _package_url("mermaid", page_url) + "dist/mermaid.min.js"
        tags.append(f'<script src="{mermaid}"{_integrity("mermaid", "dist/mermaid.min.js")} defer>')
        tags.append(f'<script src="{ours("javascripts/mermaid-theme.js")}" defer>')
    if "tryit" in needs:
        ace = _package_url("ace-builds", page_url) + "src-min-noconflict/"
        config = {
            "pyodide": _package_url("pyodide", page_url),
            "ace": ace,
            "wheel": ours(_wheel()),
            "runner": ours("javascripts/tryit_runner.py"),
            "worker": ours("javascripts/tryit-worker.js"),
            "pyodideIntegrity": _sri("pyodide", "pyodide.mjs"),
        }
        payload = json.dumps(config, sort_keys=True).replace("<", "\\u003c")
        tags.append(f'<script type="application/json" id="week4-tryit-config">{payload}')
        ace_sri = _integrity("ace-builds", "src-min-noconflict/ace.js")
        tags.append(f'<script src="{ace}ace.js"{ace_sri} defer>')
        tags.append(f'<script src="{ours("javascripts/tryit.js")}" defer>')
    if "explorable" in needs:
        tags.append(f'<script src="{ours("javascripts/explorable.js")}" defer>')
    return [tag + "</script>" for tag in tags]


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Material fetches the repository's stars and forks from the GitHub API on every page: a
    # third-party request (rate-limited, and a privacy leak). The link stays; the counts go.
    output = output.replace(' data-md-component="source"', "")
    needs = {name for name, marker in MARKERS.items() if marker.search(output)}
    if not needs:
        return output
    if "tryit" in needs:
        _state["tryit_pages"].append(page.file.src_uri)
    head, body, tail = output.rpartition("</body>")
    if not body:
        raise PluginError(f"{page.file.src_uri}: no </body> to add the page's scripts before")
    return head + "\n".join(_tags(needs, page.url)) + "\n" + body + tail


def _portable_404(site: Path, site_url: str | None) -> None:
    """Make ``404.html`` find its styles when the site is served from its root, too.

    MkDocs writes the 404 page with absolute URLs under the site's path (``/week4/...``),
    since the server returns it for any missing URL; served from ``/`` (``make serve``, a
    local ``http.server``) every stylesheet is missing. The page now picks its base at load
    time: the site's path when the URL is under it, else the server's root.
    """
    prefix = urlsplit(site_url or "/").path or "/"
    page = site / "404.html"
    if prefix == "/" or not page.exists():
        return
    html = page.read_text(encoding="utf-8")
    html = re.sub(rf'(=\s*"|\(\s*"|: "){re.escape(prefix)}', r"\1", html)
    script = (
        f"<script>(function () {{ var p = {json.dumps(prefix)}; document.write("
        "'<base href=\"' + (location.pathname.indexOf(p) === 0 ? p : '/') + '\">'); })();"
        "</script>"
    )
    html = html.replace("<head>", "<head>" + script, 1)
    page.write_text(html, encoding="utf-8")


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    _portable_404(site, getattr(config, "site_url", None))
    if _state["tryit_pages"] and not (site / _wheel()).exists():
        raise PluginError(
            f"Try-it blocks on {', '.join(_state['tryit_pages'])} need {_wheel()}, which the "
            "build did not produce (scripts/gen_pages.py)"
        )
    if not _state["self_host"]:
        return
    root: Path = _state["root"]
    for name, files in FILES.items():
        folder = site / VENDOR / f"{name}@{_state['pins'][name]}"
        for file in files:
            target = folder / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "node_modules" / name / file, target)
