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

Layout (the library part first, then what exists for the pages and the CLI):

- ``store/``: records, errors, the :class:`EventStore` protocol and its two backends;
- ``aggregates/``: deciders, the repository, event mapping, upcasting, snapshots, time
  travel and crypto-shredding;
- ``subscriptions/``: catch-up subscriptions and their checkpoint stores;
- ``bank/``: the example domain (a bank account) and its repository;
- ``figures/``: walkthroughs, the two writers' race on the simulator, measurements;
- ``scenarios/``: the registry entries (thin wrappers over the figures).
"""

from week4.event_sourcing.store import (
    CheckpointError,
    Clock,
    ConcurrencyError,
    CorruptEventError,
    DomainError,
    EventStore,
    EventStoreError,
    ForgottenError,
    InMemoryEventStore,
    InvalidEventError,
    LogicalClock,
    NewEvent,
    NotAnEventStoreError,
    ReadOnlyStoreError,
    RecordedEvent,
    SQLiteEventStore,
    StorageError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.subscriptions import (
    CatchUpSubscription,
    CheckpointStore,
    InMemoryCheckpointStore,
    SQLiteCheckpointStore,
)

__all__ = [
    "CatchUpSubscription",
    "CheckpointError",
    "CheckpointStore",
    "Clock",
    "ConcurrencyError",
    "CorruptEventError",
    "DomainError",
    "EventStore",
    "EventStoreError",
    "ForgottenError",
    "InMemoryCheckpointStore",
    "InMemoryEventStore",
    "InvalidEventError",
    "LogicalClock",
    "NewEvent",
    "NotAnEventStoreError",
    "ReadOnlyStoreError",
    "RecordedEvent",
    "SQLiteCheckpointStore",
    "SQLiteEventStore",
    "StorageError",
    "StoreBusyError",
    "StoreClosedError",
]
