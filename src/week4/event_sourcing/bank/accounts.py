"""Wiring for the bank domain: its mapper (with upcasters) and its repository.

The composition root of the chapter: the domain (:mod:`~week4.event_sourcing.bank.domain`) and
the store know nothing of each other; this module plugs them together, with storage and
snapshots injected (cosmicpython, *Architecture Patterns with Python*, ch. 13
"Dependency Injection (and Bootstrapping)").
"""

from __future__ import annotations

from week4.event_sourcing.aggregates.aggregate import Repository
from week4.event_sourcing.aggregates.mapper import EventMapper
from week4.event_sourcing.aggregates.snapshots import SnapshotStore
from week4.event_sourcing.aggregates.upcasting import DEPOSITED_V1_TO_V2, UpcasterChain
from week4.event_sourcing.bank.domain import (
    ACCOUNT,
    EVENT_TYPES,
    Account,
    AccountCommand,
    AccountEvent,
)
from week4.event_sourcing.store.protocol import EventStore

AccountRepository = Repository[AccountCommand, AccountEvent, Account]


def bank_mapper() -> EventMapper:
    """The mapper of the bank's events; reads ``Deposited`` v1 as v2."""
    return EventMapper(EVENT_TYPES, UpcasterChain([DEPOSITED_V1_TO_V2]))


def account_repository(
    store: EventStore, snapshots: SnapshotStore | None = None, snapshot_every: int = 0
) -> AccountRepository:
    """A repository of bank accounts on ``store``.

    Examples:
        >>> from week4.event_sourcing import InMemoryEventStore
        >>> from week4.event_sourcing.bank.domain import Deposit, OpenAccount
        >>> repo = account_repository(InMemoryEventStore())
        >>> _ = repo.execute("account-1", OpenAccount("ada"), actor="clerk")
        >>> _ = repo.execute("account-1", Deposit(500), actor="ada")
        >>> repo.load("account-1").state.balance_cents
        500
    """
    return Repository(store, bank_mapper(), ACCOUNT, snapshots, snapshot_every)
