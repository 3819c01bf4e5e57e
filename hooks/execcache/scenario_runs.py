"""One build runs each scenario once: a page that asks for a run another page made gets a copy.

The chapters and the generated scenario pages ask for the same runs: ``retry-storm`` at
seed 1 is charted on three pages and printed on a fourth. A scenario run is a pure function
of its name, seed and parameters (``week4.scenarios.registry.Scenario.run``: virtual time,
seeded streams, nothing else read), so the build keeps each run's result, pickled, and
answers a repeated call with a fresh unpickled copy: a page that changes its copy changes
nobody else's, and every page prints exactly what its own run would have printed.

- In one process the memo lives as long as the build's import of ``week4``
  (``hooks/fresh_modules.py`` drops the package before every build). It holds in the CI
  build too: it changes nothing a page shows, only how often the same work is done.
- With the cache on, runs are also shared through the store, under the environment key
  (package source, Python, locked deps) and the run's name, seed and parameters: the worker
  processes of a cold build reuse each other's runs, and a block edited in ``mkdocs serve``
  reuses the runs it asked for before.

What a run read from the project (:mod:`execcache.deps`) is added to every block that reuses
it, so a cached block still depends on the files its run read; a stored run whose files
changed since is a miss.

The one assumption: no page changes the package's code while the site builds (patching a
``week4`` function, then running a scenario). No page does; one that did would be given the
run made without its patch. Only runners of the package are shared: a ``Scenario`` whose
runner a page defined always runs, even under a registered scenario's name.
"""

from __future__ import annotations

import base64
import pickle
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from execcache import deps
from execcache.store import Store, digest

#: Marks the wrapped ``Scenario.run`` (a class already wrapped is left alone).
MARK = "__week4_build_memo__"

#: Where runs are shared beyond this process: the store, the environment key, the project.
Shared = Callable[[], "tuple[Store, str, Path] | None"]


def _nowhere() -> tuple[Store, str, Path] | None:
    return None


def _uncounted(reused: bool) -> None:
    del reused


def install(
    code: str, shared: Shared = _nowhere, count: Callable[[bool], None] = _uncounted
) -> None:
    """Wrap ``Scenario.run`` of this build's ``week4`` before a block that may call it runs."""
    if "week4" not in code:
        return
    try:
        from week4.scenarios.registry import Scenario
    except Exception:  # the block will report a broken package itself
        return
    if not getattr(Scenario.run, MARK, False):
        Scenario.run = memoized(Scenario.run, shared, count)  # type: ignore[method-assign]


class _Run:
    """A finished run: its pickled result, and what it read and whether it wrote."""

    def __init__(self, blob: bytes, reads: set[tuple[str, str]], wrote: bool) -> None:
        self.blob, self.reads, self.wrote = blob, reads, wrote

    def lend_to(self, block: deps.Recording | None) -> None:
        """Count this run's reads and writes for the block that reuses it."""
        if block is not None:
            block.reads |= self.reads
            block.wrote = block.wrote or self.wrote


def memoized(
    run: Callable[..., Any], shared: Shared = _nowhere, count: Callable[[bool], None] = _uncounted
) -> Callable[..., Any]:
    """``run`` answering a call it has seen with a copy of that call's result.

    ``count(reused)`` is told of every valid call: whether it was answered with a copy.
    """
    results: dict[tuple[str, int, str], _Run] = {}

    @wraps(run)
    def once(self: Any, seed: int = 1, **params: object) -> Any:
        runner = f"{getattr(self.runner, '__module__', '')}.{self.runner.__qualname__}"
        if type(seed) is not int or not runner.startswith("week4."):
            # True == 1, and a runner a page defined is the page's own: the real call decides
            return run(self, seed, **params)
        try:
            key = (f"{self.name} {runner}", seed, repr(sorted(self.resolve(params).items())))
        except Exception:  # invalid parameters: the real call raises the right error
            return run(self, seed, **params)
        block = deps.current()
        known = results.get(key) or _load(shared(), key)
        if known is not None:
            try:
                result = pickle.loads(known.blob)
            except Exception:  # a damaged stored run: run it again
                pass
            else:
                results[key] = known
                known.lend_to(block)
                count(True)
                return result
        inner = deps.start(block.root, block.ignored) if block is not None else None
        try:
            result = run(self, seed, **params)
        finally:
            if inner is not None:
                deps.stop(inner)
        done = _Run(b"", set(inner.reads), inner.wrote) if inner else _Run(b"", set(), False)
        done.lend_to(block)
        count(False)
        try:
            done.blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        except Exception:  # not picklable: this run is simply not shared
            return result
        results[key] = done
        _save(shared(), key, done)
        return result

    setattr(once, MARK, True)
    return once


def _store_key(env: str, key: tuple[str, int, str]) -> str:
    return digest(env, "scenario run", key[0], str(key[1]), key[2])


def _load(where: tuple[Store, str, Path] | None, key: tuple[str, int, str]) -> _Run | None:
    if where is None:
        return None
    store, env, root = where
    record = store.get(_store_key(env, key))
    if record is None or not deps.still_valid(root, record.get("reads")):
        return None
    try:
        blob = base64.b64decode(str(record["pickle"]), validate=True)
    except (KeyError, ValueError):  # binascii.Error is a ValueError
        return None
    reads = {(kind, relative) for kind, relative, _ in record["reads"]}
    return _Run(blob, reads, wrote=False)  # a run that wrote is never stored


def _save(where: tuple[Store, str, Path] | None, key: tuple[str, int, str], done: _Run) -> None:
    if where is None or done.wrote:
        return
    store, env, root = where
    reads = deps.snapshot(deps.Recording(root, (), reads=done.reads))
    record = {"pickle": base64.b64encode(done.blob).decode("ascii"), "reads": reads}
    store.put(_store_key(env, key), record)
