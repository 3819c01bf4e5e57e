"""An append-only event store in one SQLite file, safe with several writing processes.

Each append is one ``BEGIN IMMEDIATE`` transaction: it takes the write lock first, then
reads the stream's version (the stream's last entry in the ``UNIQUE(stream, version)``
index), checks ``expected_version`` and inserts the batch with one ``executemany``.
Writers are serialised by the lock, so positions are given in commit order and a reader
of ``read_all`` never sees a later position before an earlier one (no gaps to wait for,
unlike sequences in PostgreSQL). In WAL mode readers do not block writers and see only
committed transactions, so never a partial batch (SQLite docs, *Write-Ahead Logging*;
*Isolation In SQLite*).

Sources: Greg Young, *CQRS Documents* (2010) and *Versioning in an Event Sourced System*;
KurrentDB docs, *Appending events* (expected revision); the ``eventsourcing`` library's
``SQLiteApplicationRecorder``; SQLite docs, *PRAGMA synchronous* and *busy_timeout*.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from week4.event_sourcing.store.errors import (
    InvalidEventError,
    NotAnEventStoreError,
    ReadOnlyStoreError,
    StorageError,
    StoreBusyError,
    StoreClosedError,
)
from week4.event_sourcing.store.records import (
    Clock,
    LogicalClock,
    NewEvent,
    RecordedEvent,
    check_expected,
    check_limit,
    check_start,
    check_stream,
    decode_rows,
    encode_events,
)
from week4.event_sourcing.store.sqlite_queries import (
    INSERT,
    READ_ALL,
    READ_STREAM,
    VERSION,
    current_version,
)
from week4.event_sourcing.store.sqlite_schema import SYNCHRONOUS, connect, is_busy, is_read_only

#: SQLite's largest integer: no position or version is past it.
MAX_INTEGER = 2**63 - 1

if TYPE_CHECKING:
    import sqlite3


class SQLiteEventStore:
    """Streams of JSON events in an SQLite file, with optimistic concurrency.

    Args:
        path: The database file; the schema is created when missing.
        synchronous: How hard a commit waits for the disk (SQLite's ``PRAGMA synchronous``
            in WAL mode). ``"FULL"`` (default): the WAL is fsynced at every commit, so an
            acknowledged append survives a power cut or an OS crash. ``"NORMAL"``: the WAL
            is fsynced only at checkpoints; an append survives the process being killed,
            but the last commits before a power cut or OS crash may be lost (the file is
            never corrupted). NORMAL is several times faster for one event per commit.
        busy_timeout: Seconds to wait for another writer's lock before
            :class:`StoreBusyError` (instead of hanging).
        clock: Gives ``recorded_at`` per append; default :class:`LogicalClock`.
        page_size: Rows fetched per query while iterating reads.

    Raises:
        NotAnEventStoreError: ``path`` is not an SQLite file, or one with other tables.
        InvalidEventError: ``synchronous`` or ``busy_timeout`` is out of range.

    Examples:
        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "events.db")
        >>> with SQLiteEventStore(path) as store:
        ...     store.append("account-1", [NewEvent("Deposited", {"amount": 5})], 0)
        1
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: str = "FULL",
        busy_timeout: float = 5.0,
        clock: Clock | None = None,
        page_size: int = 1000,
    ) -> None:
        if synchronous not in SYNCHRONOUS:
            raise InvalidEventError(f"synchronous must be 'FULL' or 'NORMAL', got {synchronous!r}")
        if type(busy_timeout) not in (int, float) or not 0 <= busy_timeout < math.inf:
            raise InvalidEventError(
                f"busy_timeout must be a finite number of seconds >= 0, got {busy_timeout!r}"
            )
        self.path = os.fspath(path)
        if self.path in {"", ":memory:"} or self.path.startswith("file:"):
            raise InvalidEventError(
                f"path must name a file (got {self.path!r}: a temporary database would lose "
                "every event on close; use InMemoryEventStore for that)"
            )
        self.synchronous = synchronous
        self.busy_timeout = float(busy_timeout)
        self._page = check_start("page_size", page_size)
        self._clock: Clock = clock if clock is not None else LogicalClock()
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = connect(self.path, self.busy_timeout, synchronous)
        self.read_only = is_read_only(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """The store's connection (for :class:`~week4.event_sourcing.SQLiteCheckpointStore`).

        Raises:
            StoreClosedError: The store was closed.
        """
        return self._open()

    @property
    def lock(self) -> threading.RLock:
        """The lock that serialises this store's use of its connection between threads."""
        return self._lock

    def append(
        self, stream: str, events: Sequence[NewEvent], expected_version: int | None = None
    ) -> int:
        """Append a batch to a stream, all or nothing.

        Args:
            stream: The stream's name (non-blank).
            events: The batch; may be empty (then only the version check runs).
            expected_version: ``None``: any version; ``0``: the stream must not exist;
                ``n``: the stream must be at version ``n`` (KurrentDB's expected revision).

        Returns:
            The stream's version after the append.

        Inside a transaction already open on this store's connection (a subscription's, see
        :class:`~week4.event_sourcing.SQLiteCheckpointStore`), the append is a savepoint of
        that transaction: it commits, or rolls back, with it.

        Raises:
            ConcurrencyError: The stream is not at ``expected_version`` (nothing written).
            InvalidEventError: Bad argument or non-JSON data (nothing written).
            StoreBusyError: The write lock was not free within ``busy_timeout``.
            ReadOnlyStoreError: The file is read-only.
            StorageError: The disk is full or failed (nothing written; a retry may work).
        """
        check_stream(stream)
        expected = check_expected(expected_version)
        encoded = encode_events(events)
        with self._lock:
            conn = self._open()
            if self.read_only:
                raise ReadOnlyStoreError(f"event store {self.path!r} is read-only")
            nested = conn.in_transaction
            begin, commit, undo = (
                ("SAVEPOINT week4_append", "RELEASE week4_append", "ROLLBACK TO week4_append")
                if nested
                else ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
            )
            try:
                conn.execute(begin)
                done = False
                try:
                    actual = current_version(conn, stream, expected)
                    if not encoded:
                        return actual
                    at = self._clock()
                    if len(encoded) == 1:
                        conn.execute(INSERT, (stream, actual + 1, *encoded[0], at))
                    else:
                        conn.executemany(
                            INSERT,
                            [
                                (stream, version, kind, data, meta, at)
                                for version, (kind, data, meta) in enumerate(encoded, actual + 1)
                            ],
                        )
                    conn.execute(commit)
                    done = True
                    return actual + len(encoded)
                finally:
                    if not done and conn.in_transaction:
                        conn.execute(undo)
                        if nested:
                            conn.execute(commit)  # RELEASE the rolled-back savepoint
            except Exception as error:
                raise self._translate(error) from None

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

    def close(self) -> None:
        """Close the connection; further calls raise :class:`StoreClosedError`."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> SQLiteEventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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
