"""One build runs each scenario once: a page that asks for a run another page made gets a copy.

The chapters and the generated scenario pages ask for the same runs: ``retry-storm`` at
seed 1 is charted on three pages and printed on a fourth. A scenario run is a pure function
of its name, seed and parameters (``week4.scenarios.registry.Scenario.run``: virtual time,
seeded streams, nothing else read), so the build keeps each run's result, pickled, and
answers a repeated call with a fresh unpickled copy: a page that changes its copy changes
nobody else's, and every page prints exactly what its own run would have printed.

This memo lives as long as one build's import of ``week4`` (``hooks/fresh_modules.py`` drops
the package before every build, so the next build starts empty), and holds in the CI build
too: it changes nothing a page shows, only how often the same work is done. What a run read
from the project (``execcache.deps``) is added to every block that reuses it, so a cached
block still depends on the files its run read.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import wraps
from typing import Any

from execcache import deps

#: Marks the wrapped ``Scenario.run`` (a class already wrapped is left alone).
MARK = "__week4_build_memo__"


def install(code: str) -> None:
    """Wrap ``Scenario.run`` of this build's ``week4`` before a block that may call it runs."""
    if "week4" not in code:
        return
    try:
        from week4.scenarios.registry import Scenario
    except Exception:  # the block will report a broken package itself
        return
    if not getattr(Scenario.run, MARK, False):
        Scenario.run = memoized(Scenario.run)  # type: ignore[method-assign]


def memoized(run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` answering a call it has seen with a copy of that call's result."""
    results: dict[tuple[str, int, str], tuple[bytes, set[tuple[str, str]], bool]] = {}

    @wraps(run)
    def once(self: Any, seed: int = 1, **params: object) -> Any:
        try:
            key = (self.name, seed, repr(sorted(self.resolve(params).items())))
            hash(key)
        except Exception:  # invalid parameters: the real call raises the right error
            return run(self, seed, **params)
        outer = deps.current()
        known = results.get(key)
        if known is not None:
            blob, reads, wrote = known
            if outer is not None:
                outer.reads |= reads
                outer.wrote = outer.wrote or wrote
            return pickle.loads(blob)
        inner = deps.start(outer.root, outer.ignored) if outer is not None else None
        try:
            result = run(self, seed, **params)
        finally:
            if inner is not None:
                deps.stop(inner)
        reads, wrote = (inner.reads, inner.wrote) if inner is not None else (set(), False)
        if outer is not None:
            outer.reads |= reads
            outer.wrote = outer.wrote or wrote
        try:
            blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        except Exception:  # not picklable: this run is simply not shared
            return result
        results[key] = (blob, set(reads), wrote)
        return result

    setattr(once, MARK, True)
    return once
