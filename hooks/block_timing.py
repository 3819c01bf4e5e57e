"""MkDocs hook: log how long each page's Markdown (its executed blocks included) took to render.

markdown-exec runs code blocks while the page's Markdown is converted, between the
``on_page_markdown`` and ``on_page_content`` events, so the time between the two is the
cost of that page's simulations. The slowest pages and the total are logged at the end, so
the site's build budget stays visible, with how many blocks ran and how many came from the
execution cache (``hooks/exec_cache.py``), per page and in total. This reads the wall clock,
which is fine: it measures the build, not a simulation, and its figures go to the log, never
onto a page.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)

from execcache import runs  # noqa: E402

log = logging.getLogger("mkdocs.plugins.week4.timing")
_started: dict[str, float] = {}
_took: dict[str, float] = {}
_build_started = [0.0]


def on_pre_build(config: Any) -> None:
    _started.clear()
    _took.clear()
    _build_started[0] = time.perf_counter()


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    _started[page.file.src_uri] = time.perf_counter()
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    start = _started.pop(page.file.src_uri, None)
    if start is not None:
        _took[page.file.src_uri] = time.perf_counter() - start
    return html


def on_post_build(config: Any) -> None:
    total = sum(_took.values())
    slowest = sorted(_took.items(), key=lambda kv: kv[1], reverse=True)[:8]
    pages = runs.STATE.stats.pages
    for uri, seconds in slowest:
        ran, cached = pages.get(uri, (0, 0))
        log.info(
            "page %-40s rendered in %6.3f s (blocks: %d ran, %d cached)", uri, seconds, ran, cached
        )
    stats = runs.STATE.stats
    log.info(
        "blocks: %d ran (%d of them in worker processes), %d came from the cache "
        "(%d replayed to restore a session); cache %s",
        stats.ran,
        stats.in_workers,
        stats.cached,
        stats.replayed,
        "on" if runs.STATE.store is not None else "off (WEEK4_CACHE=0)",
    )
    made, reused = stats.scenario_runs
    if made or reused:
        log.info(
            "scenario runs: %d made, %d reused (asked for again: same seed and parameters)",
            made,
            reused,
        )
    if runs.STATE.store is not None:
        log.info(
            "pages: %d converted from Markdown, %d from the cache; %d drawn by the theme, "
            "%d from the cache",
            *stats.converted,
            *stats.rendered,
        )
    folders: dict[str, float] = {}
    for uri, seconds in _took.items():
        folder = uri.split("/")[0] + "/" if "/" in uri else "top level"
        folders[folder] = folders.get(folder, 0.0) + seconds
    ranked = sorted(folders.items(), key=lambda kv: kv[1], reverse=True)
    log.info("pages' time by folder: %s", ", ".join(f"{f} {s:.2f} s" for f, s in ranked))
    log.info(
        "all %d pages rendered in %.3f s; whole build %.3f s",
        len(_took),
        total,
        time.perf_counter() - _build_started[0],
    )
