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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from week4.event_sourcing.store.checks import check_expected, check_start, check_stream
from week4.event_sourcing.store.errors import (
    InvalidEventError,
    ReadOnlyStoreError,
)
from week4.event_sourcing.store.records import (
    Clock,
    LogicalClock,
    NewEvent,
    encode_events,
)
from week4.event_sourcing.store.sqlite_queries import (
    INSERT,
    current_version,
)
from week4.event_sourcing.store.sqlite_reads import SQLiteReads
from week4.event_sourcing.store.sqlite_schema import SYNCHRONOUS, connect, is_read_only

if TYPE_CHECKING:
    import sqlite3


class SQLiteEventStore(SQLiteReads):
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
