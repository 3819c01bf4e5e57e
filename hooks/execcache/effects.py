"""What a page's conversion tells the rest of the build, recorded while it runs.

While a conversion is captured, every registration it makes with autorefs (anchors, URLs)
and with mkdocstrings' inventory is recorded in order, with every question it asks the
inventory and its answer, and every warning logged. ``execcache.converted`` stores them with
the page and makes the registrations again on a hit, through :data:`ORIGINAL`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

#: The wrapped methods as they were (the replay calls these, never the recording ones).
ORIGINAL: dict[str, Any] = {}
PAGE = "__page__"


@dataclass
class Capture:
    """What one page's conversion did besides returning HTML."""

    calls: list[list[Any]] = field(default_factory=list)
    asked: list[list[Any]] = field(default_factory=list)
    warnings: int = 0
    page: Any = None


capturing: list[Capture] = []


class Warnings(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if capturing and record.levelno >= logging.WARNING:
            capturing[-1].warnings += 1


def _record(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    capture = capturing[-1]
    plain = [PAGE if a is capture.page else a for a in args]
    capture.calls.append([name, plain, kwargs])


def wrap_side_effects() -> None:
    """Record autorefs' and the inventory's registrations while a conversion is captured."""
    from mkdocs_autorefs import AutorefsPlugin
    from mkdocstrings import Inventory

    anchor = ORIGINAL.setdefault("register_anchor", AutorefsPlugin.register_anchor)
    url = ORIGINAL.setdefault("register_url", AutorefsPlugin.register_url)
    register = ORIGINAL.setdefault("inventory_register", Inventory.register)
    contains = ORIGINAL.setdefault("inventory_contains", Inventory.__contains__)

    def register_anchor(self: Any, *args: Any, **kwargs: Any) -> None:
        if capturing:
            _record("anchor", args, kwargs)
        anchor(self, *args, **kwargs)

    def register_url(self: Any, *args: Any, **kwargs: Any) -> None:
        if capturing:
            _record("url", args, kwargs)
        url(self, *args, **kwargs)

    def inventory_register(self: Any, *args: Any, **kwargs: Any) -> None:
        if capturing:
            _record("inventory", args, kwargs)
        register(self, *args, **kwargs)

    def inventory_contains(self: Any, name: object) -> bool:
        answer: bool = contains(self, name)
        if capturing:  # where it was asked: the page's own registrations count
            capture = capturing[-1]
            capture.asked.append([name, answer, len(capture.calls)])
        return answer

    AutorefsPlugin.register_anchor = register_anchor  # type: ignore[method-assign]
    AutorefsPlugin.register_url = register_url  # type: ignore[method-assign]
    Inventory.register = inventory_register  # type: ignore[method-assign]
    Inventory.__contains__ = inventory_contains  # type: ignore[method-assign]


def plugins(config: Any) -> tuple[Any, Any]:
    autorefs = config.plugins.get("autorefs")
    mkdocstrings = config.plugins.get("mkdocstrings")
    inventory = getattr(getattr(mkdocstrings, "handlers", None), "inventory", None)
    return autorefs, inventory


def same_answers(calls: list[Any], asked: list[Any], inventory: Any) -> bool:
    """Whether the inventory would answer the page's questions as it did when it ran.

    A question asked after some of the page's own registrations counts those as known.
    """
    contains = ORIGINAL["inventory_contains"]
    own: set[Any] = set()
    done = 0
    for name, answer, at in sorted(asked, key=lambda question: question[2]):
        for kind, args, kwargs in calls[done:at]:
            if kind == "inventory":
                own.add(_registered(args, kwargs))
        done = max(done, at)
        if (name in own or contains(inventory, name)) != answer:
            return False
    return True


def _registered(args: list[Any], kwargs: dict[str, Any]) -> Any:
    return args[0] if args else kwargs.get("name")
