"""Aggregates as deciders, and the repository that loads and saves them.

An aggregate here is three plain functions (the *decider*, Jérémie Chassaing 2021):
``decide(command, state) -> events``, ``evolve(state, event) -> state`` and an initial
state. The :class:`Repository` is the only part that knows about storage: it reads the
stream (from a snapshot when there is one), folds it, asks the decider, and appends the
new events with ``expected_version`` set to the version it read, so two writers that
decided on the same state cannot both win (KurrentDB docs, *optimistic concurrency*; the
``eventsourcing`` library's ``Application.save`` does the same with its
``originator_version`` primary key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from week4.event_sourcing.aggregates.mapper import EventMapper
from week4.event_sourcing.aggregates.snapshots import (
    Snapshot,
    SnapshotStore,
    state_from_json,
    state_to_json,
)
from week4.event_sourcing.store.protocol import EventStore

C = TypeVar("C")
E = TypeVar("E")
S = TypeVar("S")


@dataclass(frozen=True)
class Decider(Generic[C, E, S]):
    """The three functions that make an event-sourced aggregate.

    Attributes:
        decide: Checks a command against the state; returns new events or raises.
        evolve: Applies one event to the state.
        initial: The state before any event.
    """

    decide: Callable[[C, S], Sequence[E]]
    evolve: Callable[[S, E], S]
    initial: S

    def fold(self, events: Iterable[E], state: S | None = None) -> S:
        """The state after ``events``, starting from ``state`` (default: initial)."""
        current = self.initial if state is None else state
        evolve = self.evolve
        for event in events:
            current = evolve(current, event)
        return current


@dataclass(frozen=True)
class Loaded(Generic[S]):
    """A rehydrated aggregate and what it cost.

    Attributes:
        state: The folded state.
        version: The stream version it reflects (the next append's expected version).
        events_read: Events read from the store (after the snapshot, if any).
        snapshot_version: The version of the snapshot started from, 0 for none.
    """

    state: S
    version: int
    events_read: int
    snapshot_version: int = 0


class Repository(Generic[C, E, S]):
    """Loads aggregates from an event store and saves their new events.

    Args:
        store: Any :class:`~week4.event_sourcing.store.protocol.EventStore`.
        mapper: Turns domain events into stored ones and back.
        decider: The aggregate's functions.
        snapshots: Where snapshots go (None: never snapshot).
        snapshot_every: Take a snapshot each time the version crosses a multiple of it.
    """

    def __init__(
        self,
        store: EventStore,
        mapper: EventMapper,
        decider: Decider[C, E, S],
        snapshots: SnapshotStore | None = None,
        snapshot_every: int = 0,
    ) -> None:
        self.store = store
        self.mapper = mapper
        self.decider = decider
        self.snapshots = snapshots
        self.snapshot_every = snapshot_every

    def load(self, stream: str, *, use_snapshot: bool = True) -> Loaded[S]:
        """Rehydrate the aggregate of ``stream`` (initial state if it has no events)."""
        state, start = self.decider.initial, 0
        snapshot = self.snapshots.latest(stream) if self.snapshots and use_snapshot else None
        if snapshot is not None:
            state, start = (
                state_from_json(type(self.decider.initial), snapshot.state),
                snapshot.version,
            )
        to_domain = self.mapper.to_domain
        evolve = self.decider.evolve
        version, count = start, 0
        for recorded in self.store.read_stream(stream, from_version=start + 1):
            state = evolve(state, to_domain(recorded))
            version, count = recorded.version, count + 1
        return Loaded(state, version, count, start)

    def save(
        self,
        stream: str,
        events: Sequence[E],
        expected_version: int | None,
        metadata: Mapping[str, Any] | None = None,
        state: S | None = None,
    ) -> int:
        """Append domain events; snapshot ``state`` when a multiple of N is crossed."""
        new = [self.mapper.to_new_event(event, metadata) for event in events]
        version = self.store.append(stream, new, expected_version)
        every = self.snapshot_every
        if self.snapshots and every and state is not None and new:
            before = version - len(new)
            if version // every > before // every:
                self.snapshots.save(Snapshot(stream, version, state_to_json(state)))
        return version

    def execute(self, stream: str, command: C, actor: str | None = None) -> list[E]:
        """Load, decide, save with the loaded version: one command, one transaction.

        Args:
            stream: The aggregate's stream.
            command: What to do.
            actor: Who asked, kept in each event's metadata for the audit trail.

        Returns:
            The new events.

        Raises:
            DomainError: The decider refused the command.
            ConcurrencyError: Someone else appended since the load; call again.
        """
        loaded = self.load(stream)
        events = list(self.decider.decide(command, loaded.state))
        state = self.decider.fold(events, loaded.state)
        metadata = {"actor": actor} if actor is not None else None
        self.save(stream, events, loaded.version, metadata, state)
        return events
