"""The SQL statements of the SQLite event store.

Its statements, and the version check every append makes inside its write transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from week4.event_sourcing.store.errors import ConcurrencyError

if TYPE_CHECKING:
    import sqlite3

VERSION = "SELECT version FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1"
INSERT = (
    "INSERT INTO events (stream, version, type, data, metadata, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
COLUMNS = "SELECT stream, version, position, type, data, metadata, recorded_at FROM events"
READ_STREAM = f"{COLUMNS} WHERE stream = ? AND version >= ? ORDER BY version LIMIT ?"
READ_ALL = f"{COLUMNS} WHERE position >= ? ORDER BY position LIMIT ?"


def current_version(conn: sqlite3.Connection, stream: str, expected: int | None) -> int:
    """The stream's version, checked against ``expected``, inside the write transaction.

    The version is the last row of the stream in the ``UNIQUE(stream, version)`` index: one
    B-tree descent, and no second table to write on every commit (which cost about a fifth
    of the throughput of one-event transactions at ``synchronous=FULL``). The write lock
    taken by ``BEGIN IMMEDIATE`` keeps it current until the insert; the unique index would
    refuse a duplicate version even if it did not.

    Returns:
        The stream's version before the append.
    """
    row = conn.execute(VERSION, (stream,)).fetchone()
    actual: int = row[0] if row is not None else 0
    if expected is not None and expected != actual:
        raise ConcurrencyError(stream, expected, actual)
    return actual
