"""The one registry of runnable scenarios, filled by every chapter's ``scenarios`` module.

Examples:
    >>> from week4 import scenarios
    >>> result = scenarios.get("partition-heal").run(seed=1)
    >>> result.metrics["delivered"] > 0
    True
"""

from __future__ import annotations

import importlib

from week4.scenarios.registry import REGISTRY, Param, Scenario, scenario
from week4.scenarios.result import Result

#: The modules that register scenarios, in menu order (one per chapter).
CHAPTER_MODULES = (
    "week4.basics.scenarios",
    "week4.cap.scenarios",
    "week4.event_sourcing.scenarios",
    "week4.cqrs.scenarios",
    "week4.resilience.scenarios",
)

#: Human titles of the chapters, by the ``chapter`` key scenarios register under.
CHAPTER_TITLES = {
    "sim": "The simulator",
    "cap": "CAP theorem",
    "event-sourcing": "Event sourcing",
    "cqrs": "CQRS",
    "resilience": "Resilience",
    "sharding": "Sharding",
}

REGISTRY.chapter_order = tuple(CHAPTER_TITLES)


def _load() -> None:
    for module in CHAPTER_MODULES:
        importlib.import_module(module)


def get(name: str) -> Scenario:
    """The scenario registered under ``name`` (raises UnknownScenarioError, listing names)."""
    _load()
    return REGISTRY.get(name)


def all_scenarios() -> list[Scenario]:
    """Every registered scenario, in menu order."""
    _load()
    return REGISTRY.all()


def chapters() -> list[str]:
    """The chapter keys that have scenarios, in menu order."""
    _load()
    return REGISTRY.chapters()


def run(name: str, seed: int = 1, **params: object) -> Result:
    """Shortcut: ``get(name).run(seed, **params)``."""
    return get(name).run(seed, **params)


__all__ = [
    "CHAPTER_MODULES",
    "CHAPTER_TITLES",
    "Param",
    "Result",
    "Scenario",
    "all_scenarios",
    "chapters",
    "get",
    "run",
    "scenario",
]
