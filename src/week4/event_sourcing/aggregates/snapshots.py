"""Snapshots every N events: the folded state at a version, saved beside the stream.

A snapshot is the folded state at a version; rehydration starts from the latest one and
reads only the events after it (the ``eventsourcing`` library's ``snapshotting_intervals``;
Greg Young: snapshots are an optimisation, keep them out of the model). What they save is
measured, in events read, by :mod:`week4.event_sourcing.figures.rehydration`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from week4.event_sourcing.store.errors import InvalidEventError

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
