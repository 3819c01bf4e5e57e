"""The event store: records, errors, the protocol, and its in-memory and SQLite backends."""

from week4.event_sourcing.store.errors import (
    CheckpointError,
    ConcurrencyError,
    CorruptEventError,
    DomainError,
    EventStoreError,
    ForgottenError,
    InvalidEventError,
    NotAnEventStoreError,
    ReadOnlyStoreError,
    StorageError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.protocol import EventStore
from week4.event_sourcing.store.records import Clock, LogicalClock, NewEvent, RecordedEvent
from week4.event_sourcing.store.sqlite_store import SQLiteEventStore

__all__ = [
    "CheckpointError",
    "Clock",
    "ConcurrencyError",
    "CorruptEventError",
    "DomainError",
    "EventStore",
    "EventStoreError",
    "ForgottenError",
    "InMemoryEventStore",
    "InvalidEventError",
    "LogicalClock",
    "NewEvent",
    "NotAnEventStoreError",
    "ReadOnlyStoreError",
    "RecordedEvent",
    "SQLiteEventStore",
    "StorageError",
    "StoreBusyError",
    "StoreClosedError",
]
