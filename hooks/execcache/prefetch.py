"""Cold builds use both cores: worker processes run the pages' blocks before the pages render.

MkDocs renders pages one after another in one process. Before it starts, the pages that
have executed blocks and are not known to be fully cached are handed to a pool of worker
processes (one per core, at most two), which convert each page's Markdown with the site's
own extensions (so ``--8<--`` snippets and nested fences are found exactly as in the build)
and the same cached runners: every block they run lands in the cache. When the build reaches
such a page it waits for that page's worker, and then finds its blocks in the cache.

The workers only fill the cache; the build itself stays the judge. A worker's key that does
not match the build's (a session shared across pages, blocks without a session numbered
differently) is only a miss that the build runs itself, and a worker that fails is ignored: the
build runs the block and reports the error as it would without workers. Pages are
byte-identical either way, because the build renders every page from the same runner outputs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Any

import markdown
from markdown_exec._internal.formatters.base import console_width, working_directory
from markdown_exec._internal.formatters.pycon import _transform_source
from markdown_exec._internal.main import validator as exec_validator

from execcache import runs
from execcache.store import Store

log = logging.getLogger("mkdocs.plugins.week4.cache")
_worker: dict[str, Any] = {}


def _exec_format(
    source: str, language: str, _class: str, options: dict[str, Any], *_: Any, **__: Any
) -> str:
    if language not in {"python", "py", "pycon"}:
        return ""
    code = _transform_source(source)[0] if language == "pycon" else source
    workdir, width = options.get("workdir"), options.get("width")
    with suppress(Exception, SystemExit), working_directory(workdir), console_width(width):
        runs.run_python(
            code,
            returncode=options.get("returncode"),
            session=options.get("session"),
            id=options.get("id"),
            **options.get("extra", {}),
        )
    return ""


def _tryit_validate(
    language: str, inputs: dict[str, str], options: dict[str, Any], *_: Any
) -> bool:
    return "tryit" in inputs


def _tryit_format(source: str, *_: Any, **__: Any) -> str:
    runner = _worker.get("runner")
    if runner:
        with suppress(Exception, SystemExit):
            runs.run_tryit(Path(runner), source.rstrip("\n") + "\n")
    return ""


def _init(payload: dict[str, Any]) -> None:
    """Worker start: its own cache state and a Markdown converter like the build's."""
    root = Path(payload["root"])
    runs.configure(root, Store(Path(payload["folder"])), payload["env"], build=payload["build"])
    configs = payload["configs"]
    fences = configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    for language in payload["languages"]:
        fences.append(
            {
                "name": language,
                "class": language,
                "validator": exec_validator,
                "format": _exec_format,
            }
        )
    if payload["runner"]:
        fences.append(
            {
                "name": "python",
                "class": "python",
                "validator": _tryit_validate,
                "format": _tryit_format,
            }
        )
    _worker.update(runner=payload["runner"], extensions=payload["extensions"], configs=configs)


def _render(markdown_text: str) -> tuple[int, int, int, int]:
    """Run one page's blocks in this worker; returns (ran and stored, from the cache), then
    the scenario runs it made and those it reused (``execcache.scenario_runs``).

    A block that failed here is not counted: the build runs it again and reports it.
    """
    state = runs.STATE
    runs.configure(state.root, state.store, state.env, build=state.build)
    md = markdown.Markdown(extensions=_worker["extensions"], extension_configs=_worker["configs"])
    md.convert(markdown_text)
    stats = runs.STATE.stats
    return stats.ran - stats.failed, stats.cached, *stats.scenario_runs


class Prefetcher:
    """A pool of workers (started only when at least two pages need it) and their futures."""

    def __init__(self, payload: dict[str, Any], workers: int, when_idle: bool = True) -> None:
        self.payload = payload
        self.workers = workers
        self.when_idle = when_idle
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, Future[tuple[int, int, int, int]]] = {}

    def submit(self, pages: list[tuple[str, str]]) -> None:
        """Hand ``(src_uri, markdown)`` pages to the workers (no pool for fewer than two).

        Prefetching is only an optimisation: if the pool cannot start or breaks, the build
        goes on without it and runs the blocks itself.
        """
        pages = [(uri, text) for uri, text in pages if uri not in self.futures]
        try:
            wanted = len(pages) >= 2 and self.workers >= 2
            if self.pool is None and wanted and (idle(self.workers) or not self.when_idle):
                self.pool = self._start()
            if self.pool is not None:
                for uri, text in pages:
                    self.futures[uri] = self.pool.submit(_render, text)
        except Exception as error:
            log.info("exec cache: no worker processes for this build (%s)", error)
            self.close()

    def _start(self) -> ProcessPoolExecutor | None:
        try:
            pickle.dumps(self.payload)
        except Exception:
            log.debug("exec cache: the Markdown config cannot go to workers; no prefetch")
            return None
        # A spawned worker imports this package by name: MkDocs takes hooks/ off sys.path
        # again once it has loaded the hooks, so put it back for the workers to inherit.
        hooks = str(Path(__file__).resolve().parent.parent)
        if hooks not in sys.path:
            sys.path.append(hooks)
        # fork is fast and safe in a single-threaded build; `mkdocs serve` has threads.
        single = threading.active_count() == 1
        forkable = single and "fork" in multiprocessing.get_all_start_methods()
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork" if forkable else "spawn"),
            initializer=_init,
            initargs=(self.payload,),
        )

    def wait(self, uri: str) -> tuple[int, int, int, int] | None:
        """Wait for the page's worker, if it has one; what it did (see :func:`_render`).

        A worker's failure is the build's to find: it runs the block itself and reports it.
        """
        future = self.futures.get(uri)
        if future is not None:
            with suppress(Exception):
                return future.result()
        return None

    def close(self) -> None:
        if self.pool is not None:
            with suppress(Exception):
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def idle(workers: int) -> bool:
    """Whether the machine has cores to spare: workers only pay on cores nobody else uses.

    Several builds at once (tests, other authors) already fill the cores; more processes
    would only make every build slower.
    """
    try:
        return os.getloadavg()[0] < workers
    except (AttributeError, OSError):  # pragma: no cover (no load average: Windows)
        return True


def cores() -> int:
    """How many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1
