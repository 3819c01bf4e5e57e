"""The account list: one row per account with its owner, status and balance.

The screen a bank clerk opens first. The row is computed by one pure function,
:func:`next_row` (the previous row and an event give the next row), so both backends and the
live projection agree by construction, and the contract tests check the storage around it.

Examples:
    >>> from week4.cqrs.read.stores import InMemoryReadStore
    >>> from week4.event_sourcing import InMemoryEventStore
    >>> from week4.event_sourcing.bank import AccountOpened, Deposited, bank_mapper
    >>> events = InMemoryEventStore()
    >>> mapper = bank_mapper()
    >>> _ = events.append("acc-1", [mapper.to_new_event(AccountOpened("ada")),
    ...                             mapper.to_new_event(Deposited(500))])
    >>> accounts = InMemoryAccountList(InMemoryReadStore())
    >>> with accounts.store.transaction() as tx:
    ...     for event in events.read_all():
    ...         accounts.apply(tx, 1, event)
    >>> accounts.ask(GetAccount("acc-1"))
    AccountRow(account='acc-1', owner='ada', status='open', balance_cents=500, version=2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from week4.cqrs.read.model import QueryHandler, ReadModel
from week4.cqrs.read.stores import MemoryTx, table_name
from week4.event_sourcing import RecordedEvent
from week4.event_sourcing.bank import AccountClosed, AccountOpened, Deposited, Withdrawn

if TYPE_CHECKING:
    import sqlite3


@dataclass(frozen=True)
class AccountRow:
    """One line of the account list; ``version`` is the account stream's version."""

    account: str
    owner: str
    status: str
    balance_cents: int
    version: int


@dataclass(frozen=True)
class GetAccount:
    """Query: the row of one account (None if the list does not know it)."""

    account: str


@dataclass(frozen=True)
class ListAccounts:
    """Query: every row, by account name; only those with ``status`` when given."""

    status: str | None = None


@dataclass(frozen=True)
class TotalBalance:
    """Query: the sum of all balances, in cents."""


def next_row(row: AccountRow | None, event: RecordedEvent, domain_event: Any) -> AccountRow | None:
    """The account's row after ``event`` (None: the event does not concern the list)."""
    if isinstance(domain_event, AccountOpened):
        return AccountRow(event.stream, domain_event.owner, "open", 0, event.version)
    if row is None:
        return None
    balance = row.balance_cents
    status = row.status
    if isinstance(domain_event, Deposited):
        balance += domain_event.amount_cents
    elif isinstance(domain_event, Withdrawn):
        balance -= domain_event.amount_cents
    elif isinstance(domain_event, AccountClosed):
        status = "closed"
    return AccountRow(row.account, row.owner, status, balance, event.version)


class AccountList(ReadModel[Any]):
    """The account list (see the subclasses for each backend)."""


class InMemoryAccountList(AccountList):
    """The account list in an :class:`~week4.cqrs.read.stores.InMemoryReadStore`."""

    def __init__(self, store: Any, name: str = "account_list") -> None:
        super().__init__(store, name)

    def create(self, tx: MemoryTx, generation: int) -> None:
        """Create the generation's dict."""
        tx.create_table(table_name(self.name, generation))

    def drop(self, tx: MemoryTx, generation: int) -> None:
        """Drop the generation's dict."""
        tx.drop_table(table_name(self.name, generation))

    def apply_event(
        self, tx: MemoryTx, table: str, event: RecordedEvent, domain_event: Any
    ) -> None:
        """Replace the account's row."""
        row = next_row(tx.table(table).get(event.stream), event, domain_event)
        if row is not None:
            tx.put(table, event.stream, row)

    @staticmethod
    def _get(view: MemoryTx, table: str, query: GetAccount) -> AccountRow | None:
        row: AccountRow | None = view.table(table).get(query.account)
        return row

    @staticmethod
    def _list(view: MemoryTx, table: str, query: ListAccounts) -> list[AccountRow]:
        rows = sorted(view.table(table).values(), key=lambda r: r.account)
        return [r for r in rows if query.status is None or r.status == query.status]

    @staticmethod
    def _total(view: MemoryTx, table: str, query: TotalBalance) -> int:
        del query
        return sum(r.balance_cents for r in view.table(table).values())

    handlers: ClassVar[Mapping[type[Any], QueryHandler]] = {
        GetAccount: _get,
        ListAccounts: _list,
        TotalBalance: _total,
    }


_COLUMNS = "account, owner, status, balance_cents, version"


class SQLiteAccountList(AccountList):
    """The account list in an SQLite table ``account_list_g<n>``."""

    def __init__(self, store: Any, name: str = "account_list") -> None:
        super().__init__(store, name)

    def create(self, tx: sqlite3.Connection, generation: int) -> None:
        """``CREATE TABLE IF NOT EXISTS``."""
        tx.execute(
            f"CREATE TABLE IF NOT EXISTS {table_name(self.name, generation)} ("
            " account TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL,"
            " balance_cents INTEGER NOT NULL, version INTEGER NOT NULL)"
        )

    def drop(self, tx: sqlite3.Connection, generation: int) -> None:
        """``DROP TABLE IF EXISTS``."""
        tx.execute(f"DROP TABLE IF EXISTS {table_name(self.name, generation)}")

    def apply_event(
        self, tx: sqlite3.Connection, table: str, event: RecordedEvent, domain_event: Any
    ) -> None:
        """Read the row, compute the next one, write it back."""
        found = tx.execute(
            f"SELECT {_COLUMNS} FROM {table} WHERE account = ?", (event.stream,)
        ).fetchone()
        row = next_row(AccountRow(*found) if found else None, event, domain_event)
        if row is not None:
            tx.execute(
                f"INSERT OR REPLACE INTO {table} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (row.account, row.owner, row.status, row.balance_cents, row.version),
            )

    @staticmethod
    def _get(view: sqlite3.Connection, table: str, query: GetAccount) -> AccountRow | None:
        found = view.execute(
            f"SELECT {_COLUMNS} FROM {table} WHERE account = ?", (query.account,)
        ).fetchone()
        return AccountRow(*found) if found else None

    @staticmethod
    def _list(view: sqlite3.Connection, table: str, query: ListAccounts) -> list[AccountRow]:
        sql = f"SELECT {_COLUMNS} FROM {table}"
        params: tuple[str, ...] = ()
        if query.status is not None:
            sql, params = sql + " WHERE status = ?", (query.status,)
        return [AccountRow(*r) for r in view.execute(sql + " ORDER BY account", params)]

    @staticmethod
    def _total(view: sqlite3.Connection, table: str, query: TotalBalance) -> int:
        del query
        (total,) = view.execute(f"SELECT coalesce(sum(balance_cents), 0) FROM {table}").fetchone()
        return int(total)

    handlers: ClassVar[Mapping[type[Any], QueryHandler]] = {
        GetAccount: _get,
        ListAccounts: _list,
        TotalBalance: _total,
    }
