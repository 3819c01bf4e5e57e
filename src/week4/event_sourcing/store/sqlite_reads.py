"""The reading half of :class:`~week4.event_sourcing.SQLiteEventStore`: pages of events.

Reads go in pages of ``page_size`` rows, each one query (a consistent snapshot); the lock
is released between pages, and an append-only log makes the pages join up without gaps.
Errors of SQLite are translated into the store's own family here, for reads and appends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from week4.event_sourcing.store.checks import check_limit, check_start, check_stream
from week4.event_sourcing.store.errors import (
    NotAnEventStoreError,
    StorageError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.store.records import RecordedEvent, decode_rows
from week4.event_sourcing.store.sqlite_queries import READ_ALL, READ_STREAM, VERSION
from week4.event_sourcing.store.sqlite_schema import is_busy

if TYPE_CHECKING:
    import sqlite3

#: SQLite's largest integer: no position or version is past it.
MAX_INTEGER = 2**63 - 1


class SQLiteReads:
    """Reads over an open connection; :class:`SQLiteEventStore` adds opening and appending."""

    path: str
    busy_timeout: float
    _page: int
    _lock: threading.RLock
    _conn: sqlite3.Connection | None

    def read_stream(
        self, stream: str, from_version: int = 1, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        """Events of one stream from ``from_version`` on, in version order.

        Args:
            stream: The stream's name; a missing stream reads as empty.
            from_version: The first version to return (>= 1).
            limit: At most this many events (None: all).
        """
        check_stream(stream)
        return self._pages(READ_STREAM, stream, check_start("from_version", from_version), limit)

    def read_all(self, from_position: int = 1, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Every event from ``from_position`` on, in global (commit) order.

        Positions past SQLite's largest integer (2**63 - 1) hold nothing, as in memory.
        """
        return self._pages(READ_ALL, None, check_start("from_position", from_position), limit)

    def stream_version(self, stream: str) -> int:
        """The stream's current version, 0 when it does not exist."""
        check_stream(stream)
        rows = self._query_all(VERSION, (stream,))
        return int(rows[0][0]) if rows else 0

    def last_position(self) -> int:
        """The position of the last event in the store, 0 when empty."""
        [(last,)] = self._query_all("SELECT max(position) FROM events", ())
        return int(last) if last is not None else 0

    def _pages(
        self, sql: str, stream: str | None, start: int, limit: int | None
    ) -> Iterator[RecordedEvent]:
        remaining = check_limit(limit)
        self._open()  # fail now, not at the first next()
        if start > MAX_INTEGER:
            return iter(())
        return self._iterate(sql, stream, start, remaining)

    def _iterate(
        self, sql: str, stream: str | None, start: int, remaining: int | None
    ) -> Iterator[RecordedEvent]:
        # Pages of page_size rows, each one query (a consistent snapshot); the lock is
        # released between pages; an append-only log makes the pages join up without gaps.
        key = 1 if stream is not None else 2
        while remaining is None or remaining > 0:
            size = self._page if remaining is None else min(self._page, remaining)
            params = (stream, start, size) if stream is not None else (start, size)
            rows = self._query_all(sql, params)
            for event in decode_rows(rows):
                if self._conn is None:  # closed while a reader iterates: as in memory
                    raise StoreClosedError(f"the event store {self.path!r} is closed")
                yield event
            if len(rows) < size:
                return
            start = rows[-1][key] + 1
            if remaining is not None:
                remaining -= len(rows)

    def _query_all(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self._lock:
            try:
                return self._open().execute(sql, params).fetchall()
            except Exception as error:
                raise self._translate(error) from None

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreClosedError(f"the event store {self.path!r} is closed")
        return self._conn

    def _translate(self, error: Exception) -> Exception:
        import sqlite3

        if isinstance(error, sqlite3.OperationalError) and is_busy(error):
            return StoreBusyError(
                f"event store {self.path!r} stayed locked for {self.busy_timeout}s "
                "by another writer (or by a transaction of this process: see "
                "SQLiteCheckpointStore(store))"
            )
        if isinstance(error, sqlite3.OperationalError) and "no such" in str(error):
            return NotAnEventStoreError(f"event store {self.path!r} has a broken schema: {error}")
        if isinstance(error, sqlite3.Error):
            return StorageError(f"event store {self.path!r}: {error} (nothing was written)")
        return error
