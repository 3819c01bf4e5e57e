"""The movements board: every deposit and withdrawal, for statements and the largest ones.

A second read model from the same events as the account list, shaped for two other
screens: an account's statement (its movements in order) and the board of the largest
movements across the bank (a fraud analyst's view). One row per movement, keyed by the
event's global position, so applying an event twice would be visible as a key clash.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.model import QueryHandler, ReadModel
from week4.cqrs.read.stores import MemoryTx, table_name
from week4.event_sourcing import RecordedEvent
from week4.event_sourcing.bank import Deposited, Withdrawn

if TYPE_CHECKING:
    import sqlite3

MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Movement:
    """Money in (``deposit``) or out (``withdrawal``) of an account, at a global position."""

    position: int
    account: str
    kind: str
    amount_cents: int


@dataclass(frozen=True)
class LargestMovements:
    """Query: the ``limit`` largest movements, largest first (ties: oldest first)."""

    limit: int = 10

    def __post_init__(self) -> None:
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise ReadModelError(f"limit must be an int from 1 to {MAX_LIMIT}, got {self.limit!r}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ReadModelError(f"limit must be from 1 to {MAX_LIMIT}, got {self.limit}")


@dataclass(frozen=True)
class GetStatement:
    """Query: every movement of ``account``, oldest first."""

    account: str


def movement_of(event: RecordedEvent, domain_event: Any) -> Movement | None:
    """The movement an event records (None for opening and closing)."""
    if isinstance(domain_event, Deposited):
        return Movement(event.position, event.stream, "deposit", domain_event.amount_cents)
    if isinstance(domain_event, Withdrawn):
        return Movement(event.position, event.stream, "withdrawal", domain_event.amount_cents)
    return None


class Movements(ReadModel[Any]):
    """The movements board (see the subclasses for each backend)."""


class InMemoryMovements(Movements):
    """The movements board in an :class:`~week4.cqrs.read.stores.InMemoryReadStore`."""

    def __init__(self, store: Any, name: str = "movements") -> None:
        super().__init__(store, name)

    def create(self, tx: MemoryTx, generation: int) -> None:
        """Create the generation's dict (position -> movement)."""
        tx.create_table(table_name(self.name, generation))

    def drop(self, tx: MemoryTx, generation: int) -> None:
        """Drop the generation's dict."""
        tx.drop_table(table_name(self.name, generation))

    def apply_event(
        self, tx: MemoryTx, table: str, event: RecordedEvent, domain_event: Any
    ) -> None:
        """Insert the movement; a position already there is a double apply: refused."""
        movement = movement_of(event, domain_event)
        if movement is not None:
            if movement.position in tx.table(table):
                raise ReadModelError(f"{table} already holds position {movement.position}")
            tx.put(table, movement.position, movement)

    @staticmethod
    def _largest(view: MemoryTx, table: str, query: LargestMovements) -> list[Movement]:
        rows = view.table(table).values()
        return heapq.nsmallest(query.limit, rows, key=lambda m: (-m.amount_cents, m.position))

    @staticmethod
    def _statement(view: MemoryTx, table: str, query: GetStatement) -> list[Movement]:
        rows = [m for m in view.table(table).values() if m.account == query.account]
        return sorted(rows, key=lambda m: m.position)

    handlers: ClassVar[Mapping[type[Any], QueryHandler]] = {
        LargestMovements: _largest,
        GetStatement: _statement,
    }


_COLUMNS = "position, account, kind, amount_cents"


class SQLiteMovements(Movements):
    """The movements board in an SQLite table, indexed for both queries."""

    def __init__(self, store: Any, name: str = "movements") -> None:
        super().__init__(store, name)

    def create(self, tx: sqlite3.Connection, generation: int) -> None:
        """The table (keyed by position) and its two indexes."""
        table = table_name(self.name, generation)
        tx.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (position INTEGER PRIMARY KEY,"
            " account TEXT NOT NULL, kind TEXT NOT NULL, amount_cents INTEGER NOT NULL)"
        )
        tx.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_amount ON {table} (amount_cents DESC, position)"
        )
        tx.execute(f"CREATE INDEX IF NOT EXISTS {table}_account ON {table} (account, position)")

    def drop(self, tx: sqlite3.Connection, generation: int) -> None:
        """``DROP TABLE IF EXISTS`` (its indexes go with it)."""
        tx.execute(f"DROP TABLE IF EXISTS {table_name(self.name, generation)}")

    def apply_event(
        self, tx: sqlite3.Connection, table: str, event: RecordedEvent, domain_event: Any
    ) -> None:
        """Insert the movement (the primary key refuses a double apply)."""
        movement = movement_of(event, domain_event)
        if movement is not None:
            tx.execute(
                f"INSERT INTO {table} ({_COLUMNS}) VALUES (?, ?, ?, ?)",
                (movement.position, movement.account, movement.kind, movement.amount_cents),
            )

    @staticmethod
    def _largest(view: sqlite3.Connection, table: str, query: LargestMovements) -> list[Movement]:
        rows = view.execute(
            f"SELECT {_COLUMNS} FROM {table} ORDER BY amount_cents DESC, position LIMIT ?",
            (query.limit,),
        )
        return [Movement(*r) for r in rows]

    @staticmethod
    def _statement(view: sqlite3.Connection, table: str, query: GetStatement) -> list[Movement]:
        rows = view.execute(
            f"SELECT {_COLUMNS} FROM {table} WHERE account = ? ORDER BY position",
            (query.account,),
        )
        return [Movement(*r) for r in rows]

    handlers: ClassVar[Mapping[type[Any], QueryHandler]] = {
        LargestMovements: _largest,
        GetStatement: _statement,
    }
