"""What loading an account costs, in events read, without and with snapshots (for the pages).

A measurement, not a mechanism: it writes an account through the bank's repository and
counts what :class:`~week4.event_sourcing.aggregates.aggregate.Repository` reads to load it.
The measures count events read and applied instead of timing anything, so the page's chart
is the same on every machine and in the browser.

Examples:
    >>> measure_rehydration(250, snapshot_every=100)
    RehydrationCost(events=250, events_read=50, snapshot_version=200)
    >>> measure_rehydration(250, snapshot_every=0).events_read
    250
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.event_sourcing.aggregates.snapshots import InMemorySnapshotStore
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import ACCOUNT, Deposit, OpenAccount
from week4.event_sourcing.store.errors import InvalidEventError
from week4.event_sourcing.store.memory_store import InMemoryEventStore


@dataclass(frozen=True)
class RehydrationCost:
    """What loading one account cost, in events (deterministic, no timing).

    Attributes:
        events: Events in the stream.
        events_read: Events read from the store and applied to rebuild the state.
        snapshot_version: The version of the snapshot started from (0: none).
    """

    events: int
    events_read: int
    snapshot_version: int


def measure_rehydration(events: int, snapshot_every: int) -> RehydrationCost:
    """Write an account of ``events`` events, then count what loading it reads.

    Args:
        events: Events in the account's stream (>= 1: opening plus deposits).
        snapshot_every: Snapshot interval (0: no snapshots).
    """
    if events < 1 or snapshot_every < 0:
        raise InvalidEventError(
            f"need events >= 1 and snapshot_every >= 0, got {events}, {snapshot_every}"
        )
    snapshots = InMemorySnapshotStore() if snapshot_every else None
    repo = account_repository(InMemoryEventStore(), snapshots, snapshot_every)
    state, version = ACCOUNT.initial, 0
    for command in [OpenAccount("ada")] + [Deposit(100)] * (events - 1):
        new = ACCOUNT.decide(command, state)
        state = ACCOUNT.fold(new, state)
        version = repo.save("account-1", new, version, state=state)
    loaded = repo.load("account-1")
    return RehydrationCost(loaded.version, loaded.events_read, loaded.snapshot_version)


def rehydration_series(
    max_events: int, snapshot_every: int, step: int
) -> list[tuple[int, int, int]]:
    """Events read to load an account, without and with snapshots, as it grows.

    Returns:
        ``(events, read_without_snapshots, read_with_snapshots)`` per ``step`` events.
    """
    if step < 1 or snapshot_every < 1:
        raise InvalidEventError(
            f"need step >= 1 and snapshot_every >= 1, got {step}, {snapshot_every}"
        )
    return [
        (
            n,
            measure_rehydration(n, 0).events_read,
            measure_rehydration(n, snapshot_every).events_read,
        )
        for n in range(step, max_events + 1, step)
    ]
