"""The state-stored write model: a plain ``accounts`` table, with an outbox beside it.

No events are kept as the truth here: a command loads the account's current row, the
bank's decider checks it, and the new row replaces the old one (CQRS without event
sourcing, as in Fowler's *CQRS* bliki). The same store holds the ``outbox`` table (the
messages to publish, written in the same transaction as the row, Chris Richardson,
*Pattern: Transactional outbox*) and the ids of the commands already handled.

:class:`InMemoryStateStore` reuses the read store's undoable transactions;
:class:`~week4.cqrs.outbox.sqlite_state.SQLiteStateStore` is the same contract in SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol, TypeVar

from week4.cqrs.read.stores import InMemoryReadStore, MemoryTx
from week4.event_sourcing.bank import Account

Tx = TypeVar("Tx")
ACCOUNTS, OUTBOX, HANDLED, META = "accounts", "outbox", "handled_commands", "outbox_meta"


class StateStore(Protocol[Tx]):
    """Accounts rows, the outbox and handled command ids, in one transactional store."""

    def transaction(self) -> AbstractContextManager[Tx]:
        """All or nothing."""
        ...

    def load(self, tx: Tx, account: str) -> Account:
        """The account's row (a new, unopened account when missing)."""
        ...

    def save(self, tx: Tx, account: str, state: Account) -> None:
        """Replace the account's row."""
        ...

    def handled(self, tx: Tx, command_id: str) -> bool:
        """Whether ``command_id`` was already handled."""
        ...

    def remember(self, tx: Tx, command_id: str) -> None:
        """Record ``command_id`` as handled."""
        ...

    def add_to_outbox(self, tx: Tx, message: str) -> None:
        """Queue ``message`` (JSON) for the relay, in ``tx``."""
        ...

    def unpublished(self, limit: int) -> list[tuple[int, str]]:
        """The oldest ``limit`` outbox rows not yet marked published: ``(id, message)``."""
        ...

    def mark_published(self, outbox_id: int) -> None:
        """Mark one outbox row as published (its own small transaction)."""
        ...

    def accounts(self) -> dict[str, Account]:
        """Every account's row (to compare the read side with)."""
        ...

    def handled_commands(self) -> set[str]:
        """Every command id handled (committed) so far."""
        ...


class InMemoryStateStore:
    """The state store in dicts, with the read store's undo-log transactions."""

    def __init__(self) -> None:
        self._tables = InMemoryReadStore()
        with self._tables.transaction() as tx:
            for table in (ACCOUNTS, OUTBOX, HANDLED, META):
                tx.create_table(table)

    @contextmanager
    def transaction(self) -> Iterator[MemoryTx]:
        """An undoable transaction."""
        with self._tables.transaction() as tx:
            yield tx

    def load(self, tx: MemoryTx, account: str) -> Account:
        """The account's row (a new, unopened account when missing)."""
        state: Account = tx.table(ACCOUNTS).get(account, Account())
        return state

    def save(self, tx: MemoryTx, account: str, state: Account) -> None:
        """Replace the account's row."""
        tx.put(ACCOUNTS, account, state)

    def handled(self, tx: MemoryTx, command_id: str) -> bool:
        """Whether ``command_id`` was already handled."""
        return command_id in tx.table(HANDLED)

    def remember(self, tx: MemoryTx, command_id: str) -> None:
        """Record ``command_id`` as handled."""
        tx.put(HANDLED, command_id, True)

    def add_to_outbox(self, tx: MemoryTx, message: str) -> None:
        """Append ``message`` with the next id, unpublished."""
        next_id = tx.table(META).get("next_id", 1)
        tx.put(META, "next_id", next_id + 1)
        tx.put(OUTBOX, next_id, (message, False))

    def unpublished(self, limit: Any) -> list[tuple[int, str]]:
        """The oldest ``limit`` unpublished outbox rows."""
        rows = self._tables.tables[OUTBOX]
        pending = [(i, message) for i, (message, done) in rows.items() if not done]
        return pending[:limit]

    def mark_published(self, outbox_id: int) -> None:
        """Mark one row published."""
        with self._tables.transaction() as tx:
            message, _ = tx.table(OUTBOX)[outbox_id]
            tx.put(OUTBOX, outbox_id, (message, True))

    def handled_commands(self) -> set[str]:
        """Every command id handled (committed) so far."""
        return set(self._tables.tables[HANDLED])

    def accounts(self) -> dict[str, Account]:
        """Every account's row."""
        return dict(self._tables.tables[ACCOUNTS])
