"""Read models in SQLite tables, in the event store's own file.

The checkpoints are the event sourcing chapter's (:class:`SQLiteCheckpointStore`, reused
as is): the projection's rows, its checkpoint and the live generation of each model are
written on one connection, in one ``BEGIN IMMEDIATE`` transaction, so a crash (exception,
SIGKILL) rolls all of them back together. Because the tables sit in the event store's file,
the inline mode can also append the events in that same transaction
(:class:`~week4.cqrs.write.sqlite_uow.SQLiteUnitOfWork`), which is what Marten does with
PostgreSQL ("inline projections are updated in the same transaction as the events").

``sqlite3`` is imported lazily (by the checkpoint store), so this module imports under
Pyodide builds without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from week4.cqrs.errors import ReadModelError
from week4.event_sourcing import SQLiteCheckpointStore

if TYPE_CHECKING:
    import sqlite3

_CREATE = (
    "CREATE TABLE IF NOT EXISTS read_model_generations"
    " (model TEXT PRIMARY KEY, generation INTEGER NOT NULL)"
)


class SQLiteReadStore:
    """Read-model tables, checkpoints and live generations in an SQLite event store file.

    Args:
        path: The event store's file (created with the event store's schema if missing).
        busy_timeout: Seconds to wait for the write lock.
    """

    transactional = True

    def __init__(self, path: str | os.PathLike[str], busy_timeout: float = 5.0) -> None:
        self.path = os.fspath(path)
        self.checkpoints = SQLiteCheckpointStore(path, busy_timeout)
        self.connection: sqlite3.Connection = self.checkpoints.connection
        self.connection.execute(_CREATE)

    def load(self, name: str) -> int:
        """The last position handled by checkpoint ``name`` (0: none yet)."""
        return self.checkpoints.load(name)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` if anything raises."""
        if self.connection.in_transaction:
            raise ReadModelError("a read-store transaction is already open")
        with self.checkpoints.transaction() as conn:
            yield conn

    def save(self, tx: sqlite3.Connection, name: str, position: int) -> None:
        """Move checkpoint ``name`` forward to ``position`` inside ``tx``.

        A save behind the current checkpoint leaves it where it is: it comes from a runner
        that read a page before a competitor committed it (its handler skipped every event
        of the page, see :func:`~week4.cqrs.read.projections.guarded`).
        """
        row = tx.execute("SELECT position FROM checkpoints WHERE name = ?", (name,)).fetchone()
        current = int(row[0]) if row is not None else 0
        if position > current:
            self.checkpoints.save(tx, name, position)

    def generation(self, model: str) -> int:
        """The live generation of ``model`` (1 until a rebuild swaps another in)."""
        row = self.connection.execute(
            "SELECT generation FROM read_model_generations WHERE model = ?", (model,)
        ).fetchone()
        return int(row[0]) if row is not None else 1

    def set_generation(self, tx: sqlite3.Connection, model: str, generation: int) -> None:
        """Make ``generation`` the live one, inside ``tx`` (the blue/green swap)."""
        tx.execute(
            "INSERT OR REPLACE INTO read_model_generations (model, generation) VALUES (?, ?)",
            (model, generation),
        )

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every SELECT inside sees the same committed state."""
        conn = self.connection
        if conn.in_transaction:  # already inside a write: read what it sees
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.checkpoints.close()
