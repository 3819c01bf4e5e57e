"""Opening an SQLite event store file: checks first, then WAL, then the schema.

The order matters: a file that is not ours is refused *before* anything is written to it
(even ``PRAGMA journal_mode=WAL`` rewrites the header). The schema is one ``events`` table
keyed by ``position INTEGER PRIMARY KEY`` (the rowid, so appends go to the end of the
B-tree) with ``UNIQUE(stream, version)``, whose last entry for a stream is its current
version for the optimistic check (EventStoreDB's per-stream revision), as the
``eventsourcing`` library's ``stored_events`` table does with its unique key.

``sqlite3`` is imported inside :func:`connect` only, so the package imports in Pyodide
builds without it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from week4.event_sourcing.store.errors import NotAnEventStoreError, StoreBusyError

if TYPE_CHECKING:
    import sqlite3

MARKER_TABLE = "week4_event_store"
SCHEMA_VERSION = "1"
#: The columns of the ``events`` table, checked when a file is opened.
COLUMNS = frozenset({"stream", "version", "position", "type", "data", "metadata", "recorded_at"})
SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS events ("
    " position INTEGER PRIMARY KEY,"
    " stream TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version > 0),"
    " type TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " metadata TEXT,"
    " recorded_at,"
    " UNIQUE (stream, version))",
    f"INSERT OR IGNORE INTO {MARKER_TABLE} VALUES ('schema_version', '{SCHEMA_VERSION}')",
)
SYNCHRONOUS = ("FULL", "NORMAL")


def connect(path: str, timeout: float, synchronous: str) -> sqlite3.Connection:
    """Open (and create when missing) an event store database.

    Args:
        path: The database file (or ``":memory:"``).
        timeout: Seconds to wait for a lock before giving up (SQLite's busy timeout).
        synchronous: ``"FULL"`` or ``"NORMAL"``, see :class:`SQLiteEventStore`.

    Returns:
        A connection in autocommit mode (transactions are explicit ``BEGIN IMMEDIATE``).

    Raises:
        NotAnEventStoreError: The file is not an SQLite database, or holds other tables
            but not ours, or a newer schema; nothing was written to it.
        StoreBusyError: The file stayed locked for longer than ``timeout``.
    """
    import sqlite3

    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise NotAnEventStoreError(f"cannot open event store {path!r}: {error}") from None
    try:
        _check_file(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA:
                conn.execute(statement)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        conn.close()
        if is_busy(error):
            raise StoreBusyError(f"event store {path!r} stayed locked for {timeout}s") from None
        if "readonly" in str(error) or "read-only" in str(error):
            return connect_read_only(path, timeout)
        raise NotAnEventStoreError(f"cannot open event store {path!r}: {error}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: str, timeout: float) -> sqlite3.Connection:
    """Open a file this process may not write, to read it (appends raise ReadOnlyStoreError).

    ``mode=ro`` first; a WAL file whose folder is read-only too cannot even get its shared
    memory file, so then ``immutable=1``: SQLite reads it as it is, which is right for a
    file nobody can write (an archive, a read-only mount). The connection answers
    ``PRAGMA query_only`` with 1, which is how the store knows.
    """
    import sqlite3
    from urllib.parse import quote

    base = f"file:{quote(os.path.abspath(path))}"
    problem: Exception | None = None
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(
                f"{base}?{mode}",
                uri=True,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            _check_file(conn, path)
            conn.execute("PRAGMA query_only = 1")
            conn.execute("SELECT count(*) FROM events").fetchone()
            return conn
        except sqlite3.Error as error:
            problem = error
    raise NotAnEventStoreError(f"cannot read event store {path!r}: {problem}")


def _check_file(conn: sqlite3.Connection, path: str) -> None:
    import sqlite3

    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        raise NotAnEventStoreError(f"{path!r} is not an SQLite database ({error})") from None
    tables = {name for (name,) in rows}
    if not tables:
        return
    if MARKER_TABLE not in tables:
        found = ", ".join(sorted(tables)[:5])
        raise NotAnEventStoreError(
            f"{path!r} is an SQLite database but not an event store (tables: {found})"
        )
    row = conn.execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = 'schema_version'").fetchone()
    if row is not None and row[0] != SCHEMA_VERSION:
        raise NotAnEventStoreError(
            f"{path!r} has event store schema {row[0]}, this code reads {SCHEMA_VERSION}"
        )
    columns = {name for _, name, *_ in conn.execute("PRAGMA table_info(events)")}
    if columns != COLUMNS:
        raise NotAnEventStoreError(
            f"{path!r} has an events table of another shape (columns: "
            f"{', '.join(sorted(columns)) or 'none'})"
        )


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a connection opened by :func:`connect_read_only`."""
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def is_busy(error: Exception) -> bool:
    """True when an sqlite3 error means the database was locked (SQLITE_BUSY/LOCKED)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (5, 6)
    text = str(error)
    return "locked" in text or "busy" in text
