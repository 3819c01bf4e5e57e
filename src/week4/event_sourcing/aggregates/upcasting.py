"""Upcasting: read an old event schema as the current one, without rewriting history.

Events are facts, so the log is never migrated in place; instead each reader passes old
events through a chain of small functions, each lifting one type from version ``n`` to
``n + 1`` (Greg Young, *Versioning in an Event Sourced System*, 2017, ch. "Upcasting";
the ``eventsourcing`` library's ``upcast_v1_v2`` methods; Axon's upcaster chains).

Examples:
    >>> chain = UpcasterChain([DEPOSITED_V1_TO_V2])
    >>> chain.upcast("Deposited", 1, {"amount": 5})
    {'amount_cents': 500, 'currency': 'EUR'}
    >>> chain.latest("Deposited"), chain.latest("Withdrawn")
    (2, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from week4.event_sourcing.store.errors import InvalidEventError

Data = dict[str, Any]


@dataclass(frozen=True)
class Upcaster:
    """Lifts the data of one event type from ``from_version`` to ``from_version + 1``.

    Attributes:
        event_type: The type name it applies to.
        from_version: The schema version it reads (>= 1).
        function: Old data in, new data out (must not mutate its argument).
    """

    event_type: str
    from_version: int
    function: Callable[[Data], Data]


class UpcasterChain:
    """All upcasters of an application; runs the ones an old event needs, in order.

    Args:
        upcasters: At most one per (type, from_version); the versions of one type must
            form an unbroken chain 1 -> 2 -> 3 ...

    Raises:
        InvalidEventError: A duplicate or a gap in a type's chain.
    """

    def __init__(self, upcasters: Iterable[Upcaster] = ()) -> None:
        self._steps: dict[tuple[str, int], Callable[[Data], Data]] = {}
        for upcaster in upcasters:
            key = (upcaster.event_type, upcaster.from_version)
            if upcaster.from_version < 1 or key in self._steps:
                raise InvalidEventError(
                    f"bad or duplicate upcaster {upcaster.event_type} v{upcaster.from_version}"
                )
            self._steps[key] = upcaster.function
        self._latest: dict[str, int] = {}
        for kind, _ in self._steps:
            versions = sorted(v for k, v in self._steps if k == kind)
            if versions != list(range(1, len(versions) + 1)):
                raise InvalidEventError(f"upcasters of {kind} skip a version: {versions}")
            self._latest[kind] = len(versions) + 1

    def latest(self, event_type: str) -> int:
        """The current schema version of ``event_type`` (1 when it has no upcasters)."""
        return self._latest.get(event_type, 1)

    def upcast(self, event_type: str, version: int, data: Data) -> Data:
        """Run ``data`` of ``version`` through every step up to the latest version.

        Raises:
            InvalidEventError: ``version`` is newer than this code knows (read by old code).
        """
        latest = self.latest(event_type)
        if not isinstance(version, int) or not 1 <= version <= latest:
            raise InvalidEventError(
                f"{event_type} schema v{version} is unknown here (latest is v{latest})"
            )
        for step in range(version, latest):
            data = self._steps[(event_type, step)](data)
        return data


def deposited_v1_to_v2(data: Data) -> Data:
    """``Deposited`` v1 ``{"amount": 5}`` (whole euros) -> v2 ``{"amount_cents": 500, ...}``."""
    return {"amount_cents": round(data["amount"] * 100), "currency": "EUR"}


DEPOSITED_V1_TO_V2 = Upcaster("Deposited", 1, deposited_v1_to_v2)
"""The bank's first schema change: amounts in cents, with a currency."""
