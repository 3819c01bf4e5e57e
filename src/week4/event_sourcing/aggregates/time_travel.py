"""Time travel and audit: the state as it was, and who did what.

Because the log keeps every change, any past state is a fold of a prefix of the stream:
up to a version, or up to a recorded time (Martin Fowler, *Event Sourcing*, 2005:
"temporal query"). The times are the store's ``recorded_at``, given by its injected
clock; nothing here reads the wall clock. The audit trail reads the ``actor`` that the
repository puts in each event's metadata.

Examples:
    >>> from week4.event_sourcing import InMemoryEventStore
    >>> from week4.event_sourcing.bank.accounts import account_repository
    >>> from week4.event_sourcing.bank.domain import Deposit, OpenAccount
    >>> store = InMemoryEventStore()
    >>> repo = account_repository(store)
    >>> _ = repo.execute("acc", OpenAccount("ada"), actor="clerk")
    >>> _ = repo.execute("acc", Deposit(500), actor="ada")
    >>> state_at_version(store, repo.mapper, repo.decider, "acc", 1).balance_cents
    0
    >>> [(e.version, e.actor, e.type) for e in audit_trail(store, "acc")]
    [(1, 'clerk', 'AccountOpened'), (2, 'ada', 'Deposited')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from week4.event_sourcing.aggregates.aggregate import Decider
from week4.event_sourcing.aggregates.mapper import EventMapper
from week4.event_sourcing.store.checks import check_start
from week4.event_sourcing.store.protocol import EventStore

C = TypeVar("C")
E = TypeVar("E")
S = TypeVar("S")


def state_at_version(
    store: EventStore, mapper: EventMapper, decider: Decider[C, E, S], stream: str, version: int
) -> S:
    """The state of ``stream`` just after its event ``version`` (all of it if shorter)."""
    limit = check_start("version", version)
    events = store.read_stream(stream, limit=limit)
    return decider.fold(mapper.to_domain(e) for e in events)


def state_at_time(
    store: EventStore, mapper: EventMapper, decider: Decider[C, E, S], stream: str, at: float
) -> tuple[S, int]:
    """The state of ``stream`` as of time ``at`` (events recorded at or before it).

    Returns:
        The state and the version it reflects (0: the stream did not exist yet).
    """
    state, version = decider.initial, 0
    for event in store.read_stream(stream):
        if event.recorded_at > at:
            break
        state, version = decider.evolve(state, mapper.to_domain(event)), event.version
    return state, version


def history(
    store: EventStore, mapper: EventMapper, decider: Decider[C, E, S], stream: str
) -> Iterator[tuple[int, float, S]]:
    """Every state the stream went through: ``(version, recorded_at, state)``."""
    state = decider.initial
    for event in store.read_stream(stream):
        state = decider.evolve(state, mapper.to_domain(event))
        yield event.version, event.recorded_at, state


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail.

    Attributes:
        version: The event's version in its stream.
        position: Its global position.
        recorded_at: When it was recorded (store clock).
        actor: Who caused it (metadata ``actor``), None when unknown.
        type: What happened.
        data: The event's data as stored.
    """

    version: int
    position: int
    recorded_at: float
    actor: str | None
    type: str
    data: Any


def audit_trail(store: EventStore, stream: str) -> list[AuditEntry]:
    """Who did what, and when, on ``stream``, oldest first."""
    return [
        AuditEntry(e.version, e.position, e.recorded_at, e.metadata.get("actor"), e.type, e.data)
        for e in store.read_stream(stream)
    ]
