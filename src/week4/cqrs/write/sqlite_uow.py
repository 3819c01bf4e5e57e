"""The unit of work over an SQLite event store: append and inline read models, one commit.

The read store's connection is on the event store's own file, so one ``BEGIN IMMEDIATE``
covers the idempotency check, the load, the insert of the events into the store's
``events`` table, the inline read models, their checkpoints and the processed command id;
a crash anywhere (exception, SIGKILL) rolls all of it back. The write lock also serialises
these writers with :meth:`SQLiteEventStore.append` in other processes, so positions are
still given in commit order. The insert is the store's own statement
(:mod:`~week4.event_sourcing.store.sqlite_queries`) with its JSON encoding
(:func:`~week4.event_sourcing.store.records.encode_events`); what the event
sourcing chapter would need to make this unnecessary is an ``append`` that joins a
caller's transaction (Marten's ``IDocumentSession`` does exactly that).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from week4.cqrs.read.model import ReadModel
from week4.cqrs.read.sqlite_store import SQLiteReadStore
from week4.cqrs.write.messages import CommandResult
from week4.cqrs.write.unit_of_work import PROCESSED, Fault, UnitOfWork
from week4.event_sourcing import LogicalClock, NewEvent, RecordedEvent
from week4.event_sourcing.store.records import Clock, decode_rows, encode_events
from week4.event_sourcing.store.sqlite_queries import COLUMNS, INSERT

if TYPE_CHECKING:
    import sqlite3

_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {PROCESSED} (command_id TEXT PRIMARY KEY,"
    " stream TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL,"
    " fingerprint TEXT NOT NULL)"
)


class SQLiteUnitOfWork(UnitOfWork["sqlite3.Connection"]):
    """Bank commands on an SQLite event store file, inline read models in the same commit.

    Args:
        read_store: The read store on the event store's file (or a path to open one).
        inline: Read models (of ``read_store``) updated in the append's transaction.
        fault: Called between the steps; may raise to simulate a crash.
        clock: Gives each append's ``recorded_at`` (default: a :class:`LogicalClock`).
    """

    def __init__(
        self,
        read_store: SQLiteReadStore | str | os.PathLike[str],
        inline: Sequence[ReadModel[Any]] = (),
        fault: Fault | None = None,
        clock: Clock | None = None,
    ) -> None:
        if not isinstance(read_store, SQLiteReadStore):
            read_store = SQLiteReadStore(read_store)
        super().__init__(read_store, inline, fault)
        self.clock: Clock = clock if clock is not None else LogicalClock()
        read_store.connection.execute(_CREATE)

    def processed(
        self, tx: sqlite3.Connection, command_id: str
    ) -> tuple[CommandResult, str] | None:
        """The first result of ``command_id`` and its fingerprint, if handled."""
        row = tx.execute(
            f"SELECT stream, version, position, fingerprint FROM {PROCESSED} WHERE command_id = ?",
            (command_id,),
        ).fetchone()
        return (CommandResult(row[0], row[1], row[2]), row[3]) if row else None

    def remember(
        self, tx: sqlite3.Connection, command_id: str, result: CommandResult, fingerprint: str
    ) -> None:
        """Insert the processed command id in the same transaction."""
        tx.execute(
            f"INSERT INTO {PROCESSED} VALUES (?, ?, ?, ?, ?)",
            (command_id, result.stream, result.version, result.position, fingerprint),
        )

    def load(self, tx: sqlite3.Connection, stream: str) -> tuple[Any, int]:
        """Fold the account's stream as the transaction sees it."""
        sql = f"{COLUMNS} WHERE stream = ? AND version >= ? ORDER BY version"
        return self.cached(
            stream, lambda start: decode_rows(tx.execute(sql, (stream, start)).fetchall())
        )

    def append(
        self, tx: sqlite3.Connection, stream: str, events: Sequence[NewEvent], expected_version: int
    ) -> list[RecordedEvent]:
        """Insert the events into the store's table; the write lock is already held."""
        at = self.clock()
        rows = []
        for version, (kind, data, meta) in enumerate(encode_events(events), expected_version + 1):
            cursor = tx.execute(INSERT, (stream, version, kind, data, meta, at))
            rows.append((stream, version, cursor.lastrowid, kind, data, meta, at))
        return decode_rows(rows)  # type: ignore[arg-type]

    def events_after(self, tx: sqlite3.Connection, start: int) -> Iterable[RecordedEvent]:
        """Every event from ``start`` on, including this transaction's own."""
        rows = tx.execute(f"{COLUMNS} WHERE position >= ? ORDER BY position", (start,))
        return decode_rows(rows.fetchall())

    def close(self) -> None:
        """Close the read store's connection."""
        assert isinstance(self.read_store, SQLiteReadStore)
        self.read_store.close()
