"""The event store: records, errors, the protocol, and its in-memory and SQLite backends."""

from week4.event_sourcing.store.errors import (
    ConcurrencyError,
    DomainError,
    EventStoreError,
    ForgottenError,
    InvalidEventError,
    NotAnEventStoreError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.protocol import EventStore
from week4.event_sourcing.store.records import Clock, LogicalClock, NewEvent, RecordedEvent
from week4.event_sourcing.store.sqlite_store import SQLiteEventStore

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
