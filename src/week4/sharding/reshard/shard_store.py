"""One shard: an SQLite file of rows ``(key, value, version)`` with a change log.

Every insert, update and delete of a row also appends the key to the ``changes`` table, in
the same transaction, by an SQLite trigger. The log plays the part of MySQL's binary log in
Vitess VReplication or PostgreSQL's write-ahead log in Citus shard moves: a migration copies
a snapshot of the rows, then replays the keys changed since the copy began, so no write made
during the copy is missed, even one whose process was killed half-way through a dual write.

Sources: Vitess docs, *VReplication* (copy phase, then binlog catch-up); SQLite docs,
*CREATE TRIGGER*.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rows ("
    " key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL, version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS rows_inserted AFTER INSERT ON rows"
    " BEGIN INSERT INTO changes (key) VALUES (new.key); END",
    "CREATE TRIGGER IF NOT EXISTS rows_updated AFTER UPDATE ON rows"
    " BEGIN INSERT INTO changes (key) VALUES (new.key); END",
    "CREATE TRIGGER IF NOT EXISTS rows_deleted AFTER DELETE ON rows"
    " BEGIN INSERT INTO changes (key) VALUES (old.key); END",
)
_REPLACE = "INSERT OR REPLACE INTO rows (key, value, version) VALUES (?, ?, ?)"


@dataclass(frozen=True)
class Row:
    """One stored row.

    Attributes:
        key: The row's key (its routing key).
        value: An integer payload (so a scatter-gather query can sum it).
        version: 1 when created, one more on every update.
    """

    key: str
    value: int
    version: int


class ShardStore:
    """The rows of one shard in an SQLite file (or in memory), with a change log.

    Args:
        name: The shard's name, as the routing strategy calls it (``"s3"``).
        path: The database file, or None for an in-memory database.
    """

    def __init__(self, name: str, path: Path | None = None) -> None:
        self.name = name
        self.path = path
        self._conn = sqlite3.connect(":memory:" if path is None else str(path))
        self._conn.execute("PRAGMA journal_mode=WAL" if path is not None else "PRAGMA user_version")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        with self._conn:
            for statement in _SCHEMA:
                self._conn.execute(statement)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def get(self, key: str) -> Row | None:
        """The row stored under ``key``, or None."""
        found = self._conn.execute(
            "SELECT key, value, version FROM rows WHERE key = ?", (key,)
        ).fetchone()
        return Row(*found) if found is not None else None

    def put(self, row: Row) -> None:
        """Store ``row``, replacing any row with its key (one transaction)."""
        with self._conn:
            self._conn.execute(_REPLACE, (row.key, row.value, row.version))

    def delete(self, key: str) -> bool:
        """Delete the row under ``key``; True when there was one."""
        with self._conn:
            return self._conn.execute("DELETE FROM rows WHERE key = ?", (key,)).rowcount > 0

    def mirror(self, rows: Sequence[Row], absent: Sequence[str] = ()) -> None:
        """Make this shard hold ``rows`` as given and none of the ``absent`` keys (one transaction).

        A migration mirrors the source shard's current state of each key it moves, so it
        is idempotent: replaying it after a crash changes nothing.
        """
        with self._conn:
            self._conn.executemany(_REPLACE, [(r.key, r.value, r.version) for r in rows])
            self._conn.executemany("DELETE FROM rows WHERE key = ?", [(k,) for k in absent])

    def delete_many(self, keys: Sequence[str]) -> int:
        """Delete the rows under ``keys`` in one transaction; return how many existed."""
        with self._conn:
            cursor = self._conn.executemany("DELETE FROM rows WHERE key = ?", [(k,) for k in keys])
            return cursor.rowcount

    def rows_after(self, cursor: str | None, limit: int) -> list[Row]:
        """Up to ``limit`` rows with keys greater than ``cursor`` (all when None), by key."""
        sql = "SELECT key, value, version FROM rows WHERE key > ? ORDER BY key LIMIT ?"
        return [Row(*r) for r in self._conn.execute(sql, (cursor or "", limit))]

    def rows(self) -> Iterator[Row]:
        """Every row, by key."""
        for found in self._conn.execute("SELECT key, value, version FROM rows ORDER BY key"):
            yield Row(*found)

    def count(self) -> int:
        """How many rows the shard holds."""
        counted: int = self._conn.execute("SELECT count(*) FROM rows").fetchone()[0]
        return counted

    def last_change(self) -> int:
        """The sequence number of the latest change-log entry (0 when none)."""
        last: int | None = self._conn.execute("SELECT max(seq) FROM changes").fetchone()[0]
        return last or 0

    def changes_after(self, seq: int, limit: int) -> list[tuple[int, str]]:
        """Up to ``limit`` change-log entries ``(seq, key)`` after ``seq``, in order."""
        sql = "SELECT seq, key FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"
        return [(s, k) for s, k in self._conn.execute(sql, (seq, limit))]

    def get_many(self, keys: Sequence[str]) -> dict[str, Row]:
        """The rows stored under ``keys`` (missing keys are left out)."""
        found: dict[str, Row] = {}
        for key in keys:
            row = self.get(key)
            if row is not None:
                found[key] = row
        return found
