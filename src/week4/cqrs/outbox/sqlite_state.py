"""The state-stored write model in SQLite: ``accounts``, ``outbox`` and handled command ids.

The row change and the outbox row are written in one ``BEGIN IMMEDIATE`` transaction, so
either both are durable or neither is: the property the transactional outbox rests on
(Chris Richardson, *Pattern: Transactional outbox*). The relay reads the outbox in id
order and marks each row after publishing it: a crash between the two publishes it again
(at least once), which the idempotent consumer absorbs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from week4.event_sourcing.bank import Account

if TYPE_CHECKING:
    import sqlite3

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS accounts (account TEXT PRIMARY KEY, status TEXT NOT NULL,"
    " owner TEXT NOT NULL, balance_cents INTEGER NOT NULL, currency TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " message TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (published, id)",
    "CREATE TABLE IF NOT EXISTS handled_commands (command_id TEXT PRIMARY KEY)",
)


class SQLiteStateStore:
    """The :class:`~week4.cqrs.outbox.state_store.StateStore` contract in an SQLite file.

    Args:
        path: The database file (``":memory:"`` for a private one).
        busy_timeout: Seconds to wait for the write lock.
    """

    def __init__(self, path: str | os.PathLike[str], busy_timeout: float = 5.0) -> None:
        import sqlite3  # lazily: the package imports where sqlite3 is missing (Pyodide)

        self.connection = sqlite3.connect(
            os.fspath(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        self.connection.execute("PRAGMA journal_mode=WAL")
        with self.transaction() as tx:
            for statement in _SCHEMA:
                tx.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` if anything raises."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def load(self, tx: sqlite3.Connection, account: str) -> Account:
        """The account's row (a new, unopened account when missing)."""
        row = tx.execute(
            "SELECT status, owner, balance_cents, currency FROM accounts WHERE account = ?",
            (account,),
        ).fetchone()
        return Account(*row) if row else Account()

    def save(self, tx: sqlite3.Connection, account: str, state: Account) -> None:
        """Replace the account's row."""
        tx.execute(
            "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?)",
            (account, state.status, state.owner, state.balance_cents, state.currency),
        )

    def handled(self, tx: sqlite3.Connection, command_id: str) -> bool:
        """Whether ``command_id`` was already handled."""
        found = tx.execute(
            "SELECT 1 FROM handled_commands WHERE command_id = ?", (command_id,)
        ).fetchone()
        return found is not None

    def remember(self, tx: sqlite3.Connection, command_id: str) -> None:
        """Record ``command_id`` as handled."""
        tx.execute("INSERT INTO handled_commands VALUES (?)", (command_id,))

    def add_to_outbox(self, tx: sqlite3.Connection, message: str) -> None:
        """Insert the message row, unpublished, in the caller's transaction."""
        tx.execute("INSERT INTO outbox (message) VALUES (?)", (message,))

    def unpublished(self, limit: int) -> list[tuple[int, str]]:
        """The oldest ``limit`` unpublished rows."""
        rows = self.connection.execute(
            "SELECT id, message FROM outbox WHERE published = 0 ORDER BY id LIMIT ?", (limit,)
        )
        return [(int(i), str(m)) for i, m in rows]

    def mark_published(self, outbox_id: int) -> None:
        """Mark one row published."""
        with self.transaction() as tx:
            tx.execute("UPDATE outbox SET published = 1 WHERE id = ?", (outbox_id,))

    def handled_commands(self) -> set[str]:
        """Every command id handled (committed) so far."""
        return {
            str(r[0]) for r in self.connection.execute("SELECT command_id FROM handled_commands")
        }

    def accounts(self) -> dict[str, Account]:
        """Every account's row."""
        rows = self.connection.execute(
            "SELECT account, status, owner, balance_cents, currency FROM accounts"
        )
        return {r[0]: Account(*r[1:]) for r in rows}

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()
