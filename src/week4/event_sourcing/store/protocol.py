"""The contract every event store backend fulfils, as a structural Protocol.

Both :class:`~week4.event_sourcing.SQLiteEventStore` and
:class:`~week4.event_sourcing.InMemoryEventStore` satisfy it; the code around the store
(repository, subscriptions, time travel) depends on this Protocol only, so storage is
injected. The shape follows the ``eventsourcing`` library's ``ApplicationRecorder``
(``insert_events`` / ``select_events`` / ``select_notifications``) with KurrentDB's names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from week4.event_sourcing.store.records import NewEvent, RecordedEvent


class EventStore(Protocol):
    """Append to streams with an expected version; read a stream or the global log."""

    def append(
        self, stream: str, events: Sequence[NewEvent], expected_version: int | None = None
    ) -> int:
        """Append atomically; return the stream's new version (ConcurrencyError if stale)."""
        ...

    def read_stream(
        self, stream: str, from_version: int = 1, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        """Events of one stream from ``from_version`` on, in version order."""
        ...

    def read_all(self, from_position: int = 1, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Every event from ``from_position`` on, in global order."""
        ...

    def stream_version(self, stream: str) -> int:
        """The stream's current version, 0 when it does not exist."""
        ...

    def last_position(self) -> int:
        """The position of the last event, 0 when the store is empty."""
        ...

    def close(self) -> None:
        """Release the store's resources."""
        ...
