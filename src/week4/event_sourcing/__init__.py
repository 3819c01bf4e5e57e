"""Event sourcing: an append-only event store and what is built on it.

The store keeps every change as an event in a stream; state is a fold over the events.
Two backends share one contract: :class:`SQLiteEventStore` (a file, safe with several
processes) and :class:`InMemoryEventStore` (tests, and the browser under Pyodide, where
``sqlite3`` is not imported).

Examples:
    >>> from week4.event_sourcing import InMemoryEventStore, NewEvent
    >>> store = InMemoryEventStore()
    >>> store.append("account-1", [NewEvent("Deposited", {"amount": 5})], expected_version=0)
    1
    >>> [e.type for e in store.read_all()]
    ['Deposited']

Sources: Greg Young, *CQRS Documents* (2010); Martin Fowler, *Event Sourcing* (2005);
KurrentDB (EventStoreDB) docs; the ``eventsourcing`` library (John Bywater).
"""

from week4.event_sourcing.errors import (
    ConcurrencyError,
    DomainError,
    EventStoreError,
    ForgottenError,
    InvalidEventError,
    NotAnEventStoreError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.memory_store import InMemoryEventStore
from week4.event_sourcing.records import Clock, LogicalClock, NewEvent, RecordedEvent
from week4.event_sourcing.sqlite_store import SQLiteEventStore
from week4.event_sourcing.store import EventStore

__all__ = [
    "Clock",
    "ConcurrencyError",
    "DomainError",
    "EventStore",
    "EventStoreError",
    "ForgottenError",
    "InMemoryEventStore",
    "InvalidEventError",
    "LogicalClock",
    "NewEvent",
    "NotAnEventStoreError",
    "RecordedEvent",
    "SQLiteEventStore",
    "StoreBusyError",
    "StoreClosedError",
]
