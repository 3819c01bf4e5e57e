"""What loading an account costs as its stream grows, with and without snapshots.

One account's stream is grown to each length in turn and loaded there, so a whole curve
costs one write of the stream plus one load per point. The events are saved through the
repository in batches that end exactly on each multiple of the snapshot interval, so the
snapshots land where one-event-per-command saves would put them (the figures equal
:func:`~week4.event_sourcing.figures.rehydration.measure_rehydration`'s, which the tests check) at a
fraction of the cost. Everything is counted, nothing is timed, so the figures are the same
on every machine and in the browser.

Examples:
    >>> [(p.events, p.events_read, p.snapshots) for p in load_costs([150, 250], every=100)]
    [(150, 50, 1), (250, 50, 2)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from week4.errors import ParameterError
from week4.event_sourcing.aggregates.snapshots import InMemorySnapshotStore
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import ACCOUNT, AccountEvent, AccountOpened, Deposited
from week4.event_sourcing.store.memory_store import InMemoryEventStore

STREAM = "account-1"


@dataclass(frozen=True)
class LoadCost:
    """One load of the account.

    Attributes:
        events: Events in the stream when it was loaded.
        events_read: Events read from the store and applied to rebuild the state.
        snapshot_version: The version of the snapshot the load started from (0: none).
        snapshots: Snapshots written so far.
    """

    events: int
    events_read: int
    snapshot_version: int
    snapshots: int


def _batch(version: int, count: int) -> list[AccountEvent]:
    """The next ``count`` events of the account: its opening, then deposits of 1 euro."""
    opening: list[AccountEvent] = [AccountOpened("ada")] if version == 0 else []
    return opening + [Deposited(100)] * (count - len(opening))


def load_costs(lengths: Sequence[int], every: int) -> list[LoadCost]:
    """Grow one account through ``lengths`` and load it at each, counting events read.

    Args:
        lengths: Stream lengths to load at (>= 1), in increasing order.
        every: Snapshot interval in events (0: no snapshots).

    Raises:
        ParameterError: A length below 1 or out of order, or a negative interval.
    """
    if every < 0:
        raise ParameterError(f"invalid snapshot interval {every}: expected an integer >= 0")
    if not lengths or lengths[0] < 1 or any(b <= a for a, b in pairwise(lengths)):
        raise ParameterError(f"invalid lengths {list(lengths)}: expected increasing, >= 1")
    snapshots = InMemorySnapshotStore() if every else None
    repo = account_repository(InMemoryEventStore(), snapshots, every)
    state, version = ACCOUNT.initial, 0
    costs = []
    for target in lengths:
        while version < target:
            stop = min(target, (version // every + 1) * every) if every else target
            events = _batch(version, stop - version)
            state = ACCOUNT.fold(events, state)
            version = repo.save(STREAM, events, version, state=state)
        loaded = repo.load(STREAM)
        saves = snapshots.saves if snapshots else 0
        costs.append(LoadCost(target, loaded.events_read, loaded.snapshot_version, saves))
    return costs


def evenly(events: int, points: int) -> list[int]:
    """``points`` stream lengths spread evenly up to ``events`` (duplicates dropped).

    Examples:
        >>> evenly(100, 3)
        [33, 67, 100]
    """
    return sorted({max(1, round(events * i / points)) for i in range(1, points + 1)})


def snapshot_grid(
    intervals: Sequence[int], sizes: Sequence[int], points: int = 30
) -> dict[str, dict[str, Any]]:
    """Load costs for every (interval, stream size), JSON-ready, keyed ``"<every>|<size>"``.

    Each value holds the lengths loaded at, events read without and with snapshots, and
    the figures at the last load. Without-snapshot loads do not depend on the interval,
    so they are measured once per size.
    """
    results: dict[str, dict[str, Any]] = {}
    for size in sizes:
        lengths = evenly(size, points)
        without = [c.events_read for c in load_costs(lengths, 0)]
        for every in intervals:
            costs = load_costs(lengths, every)
            last = costs[-1]
            results[f"{every:g}|{size:g}"] = {
                "lengths": lengths,
                "without": without,
                "with": [c.events_read for c in costs],
                "events": size,
                "every": every,
                "read without snapshots": without[-1],
                "read with snapshots": last.events_read,
                "most read by a load": max(c.events_read for c in costs),
                "snapshots written": last.snapshots,
            }
    return results
