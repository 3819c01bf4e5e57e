"""Snapshots every N events, and deterministic measures of what they save.

A snapshot is the folded state at a version; rehydration starts from the latest one and
reads only the events after it (the ``eventsourcing`` library's ``snapshotting_intervals``;
Greg Young: snapshots are an optimisation, keep them out of the model). The measures count
events read and applied instead of timing anything, so the page's chart is the same on
every machine and in the browser.

Examples:
    >>> measure_rehydration(250, snapshot_every=100)
    RehydrationCost(events=250, events_read=50, snapshot_version=200)
    >>> measure_rehydration(250, snapshot_every=0).events_read
    250
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from week4.event_sourcing.errors import InvalidEventError

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """The state of a stream at a version, as JSON-ready data.

    Attributes:
        stream: The stream.
        version: The version whose state it holds.
        state: The state's fields.
    """

    stream: str
    version: int
    state: dict[str, Any]


class SnapshotStore(Protocol):
    """Keeps the latest snapshot per stream."""

    def save(self, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` (replacing an older one of the same stream)."""
        ...

    def latest(self, stream: str) -> Snapshot | None:
        """The newest snapshot of ``stream``, or None."""
        ...


class InMemorySnapshotStore:
    """Snapshots in a dict; counts saves for the measures."""

    def __init__(self) -> None:
        self._latest: dict[str, Snapshot] = {}
        self.saves = 0

    def save(self, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` unless a newer one is already kept."""
        current = self._latest.get(snapshot.stream)
        if current is None or current.version < snapshot.version:
            self._latest[snapshot.stream] = snapshot
        self.saves += 1

    def latest(self, stream: str) -> Snapshot | None:
        """The newest snapshot of ``stream``, or None."""
        return self._latest.get(stream)


def state_to_json(state: object) -> dict[str, Any]:
    """The fields of a dataclass state (the snapshot's payload)."""
    if not dataclasses.is_dataclass(state) or isinstance(state, type):
        raise InvalidEventError(f"snapshot state must be a dataclass instance, got {state!r}")
    return {f.name: getattr(state, f.name) for f in dataclasses.fields(state)}


def state_from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass state from a snapshot's payload."""
    return cls(**data)


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
    from week4.event_sourcing.accounts import account_repository
    from week4.event_sourcing.bank import ACCOUNT, Deposit, OpenAccount
    from week4.event_sourcing.memory_store import InMemoryEventStore

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
