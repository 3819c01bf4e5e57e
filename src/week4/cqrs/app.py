"""The composition root: one bank, with its write side, read models and projections wired.

What a page, a simulation or a test needs in one object: the event store, the read store,
the two read models, the unit of work (with the read models chosen to be *inline*), the
bus, and one :class:`AsyncProjection` per read model that is not inline (cosmicpython,
ch. 13, *bootstrap.py*).

Examples:
    >>> from week4.cqrs.app import in_memory_bank
    >>> from week4.cqrs import Deposit, GetAccount, OpenAccount
    >>> bank = in_memory_bank(inline=["account_list"])
    >>> _ = bank.bus.handle(OpenAccount("c-1", "acc-1", "ada"))
    >>> written = bank.bus.handle(Deposit("c-2", "acc-1", 700))
    >>> bank.accounts.query(GetAccount("acc-1"), written.position).value.balance_cents
    700
    >>> bank.projections["movements"].lag
    2
    >>> bank.read_from_write_model("acc-1").balance_cents
    700
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.account_list import (
    AccountList,
    AccountRow,
    InMemoryAccountList,
    SQLiteAccountList,
)
from week4.cqrs.read.model import ReadModel
from week4.cqrs.read.movements import InMemoryMovements, Movements, SQLiteMovements
from week4.cqrs.read.projections import AsyncProjection, EventFault, live_account
from week4.cqrs.read.sqlite_store import SQLiteReadStore
from week4.cqrs.read.stores import InMemoryReadStore, ReadStore
from week4.cqrs.write.bus import MessageBus
from week4.cqrs.write.handlers import bank_bus
from week4.cqrs.write.memory_uow import InMemoryUnitOfWork
from week4.cqrs.write.sqlite_uow import SQLiteUnitOfWork
from week4.cqrs.write.unit_of_work import Fault, UnitOfWork
from week4.event_sourcing import EventStore, InMemoryEventStore, SQLiteEventStore

MODELS = ("account_list", "movements")


@dataclass
class BankApp:
    """One bank, wired. ``projections`` holds the async projection of each non-inline model."""

    store: EventStore
    reads: ReadStore[Any]
    accounts: AccountList
    movements: Movements
    uow: UnitOfWork[Any]
    bus: MessageBus
    projections: dict[str, AsyncProjection] = field(default_factory=dict)

    @property
    def models(self) -> dict[str, ReadModel[Any]]:
        """Both read models by name."""
        return {"account_list": self.accounts, "movements": self.movements}

    def read_from_write_model(self, account: str) -> AccountRow | None:
        """The account's row folded from its stream now: fresh, but it loads the write side."""
        return live_account(self.store, account)

    def project_available(self, limit: int | None = None) -> int:
        """Run every async projection once (each up to ``limit`` events)."""
        return sum(p.project_available(limit) for p in self.projections.values())

    def close(self) -> None:
        """Close the event store and the read store (SQLite)."""
        self.store.close()
        close = getattr(self.reads, "close", None)
        if close is not None:
            close()


def _check_inline(inline: Collection[str] | str) -> list[str]:
    names = [inline] if isinstance(inline, str) else list(inline)
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        raise ReadModelError(f"inline must name read models among {MODELS}, got {unknown}")
    return names


def _wire(
    *,
    store: EventStore,
    reads: ReadStore[Any],
    accounts: AccountList,
    movements: Movements,
    uow_factory: Any,
    inline: list[str],
    batch_size: int,
    projection_fault: EventFault | None,
) -> BankApp:
    models: dict[str, ReadModel[Any]] = {"account_list": accounts, "movements": movements}
    uow = uow_factory([models[name] for name in inline])
    projections = {
        name: AsyncProjection(store, model, batch_size=batch_size, fault=projection_fault)
        for name, model in models.items()
        if name not in inline
    }
    return BankApp(store, reads, accounts, movements, uow, bank_bus(uow), projections)


def in_memory_bank(
    inline: Collection[str] | str = (),
    *,
    fault: Fault | None = None,
    projection_fault: EventFault | None = None,
    batch_size: int = 100,
) -> BankApp:
    """A bank in memory (tests, simulations, the browser).

    Args:
        inline: Name(s) of the read models updated with the append (others are async).
        fault: The unit of work's crash hook.
        projection_fault: The async projections' crash hook.
        batch_size: Events per async projection transaction.
    """
    names = _check_inline(inline)
    store, reads = InMemoryEventStore(), InMemoryReadStore()
    accounts, movements = InMemoryAccountList(reads), InMemoryMovements(reads)
    return _wire(
        store=store,
        reads=reads,
        accounts=accounts,
        movements=movements,
        uow_factory=lambda models: InMemoryUnitOfWork(store, reads, models, fault),
        inline=names,
        batch_size=batch_size,
        projection_fault=projection_fault,
    )


def sqlite_bank(
    path: str | os.PathLike[str],
    inline: Collection[str] | str = (),
    *,
    fault: Fault | None = None,
    projection_fault: EventFault | None = None,
    batch_size: int = 100,
    synchronous: str = "FULL",
) -> BankApp:
    """A bank in one SQLite file: events, read models, checkpoints and command ids.

    Args:
        path: The file (created when missing).
        inline: Name(s) of the read models updated with the append (others are async).
        fault: The unit of work's crash hook.
        projection_fault: The async projections' crash hook.
        batch_size: Events per async projection transaction.
        synchronous: The event store's ``PRAGMA synchronous`` (``"FULL"`` or ``"NORMAL"``).
    """
    names = _check_inline(inline)
    store = SQLiteEventStore(path, synchronous=synchronous)
    reads = SQLiteReadStore(path)
    accounts, movements = SQLiteAccountList(reads), SQLiteMovements(reads)
    return _wire(
        store=store,
        reads=reads,
        accounts=accounts,
        movements=movements,
        uow_factory=lambda models: SQLiteUnitOfWork(reads, models, fault),
        inline=names,
        batch_size=batch_size,
        projection_fault=projection_fault,
    )
