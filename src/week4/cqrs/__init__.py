"""CQRS: separate the model that changes state from the models that answer questions.

Greg Young's *CQRS Documents* (2010) split the write side (commands checked against one
consistent model, here the event-sourced bank account) from read models shaped for each
screen, fed by the events and therefore *eventually* consistent. This package is that
split, built on :mod:`week4.event_sourcing` (its store, its bank domain, its catch-up
subscriptions):

- ``write/``: commands with ids, a message bus (one handler per command, any number per
  event: cosmicpython, *Architecture Patterns with Python*, ch. 9-10), and a unit of work
  that enforces the invariants (overdraft, closing a non-empty account, idempotent command
  ids) and returns the :class:`CommandResult` a client needs to read its own write;
- ``read/``: two read models from the same events (:class:`AccountList`,
  :class:`Movements`) on SQLite and in memory, queries that can demand a position
  (:class:`Answer` or :class:`NotYet`), and the three projection modes of Marten's docs
  (*inline*, *async*, *live*), plus blue/green rebuilds;
- ``outbox/``: CQRS without event sourcing: a state-stored ``accounts`` table that must tell
  the read side, by "commit, then publish" (the dual write, which loses updates when the
  process dies in between) or by a transactional outbox (which loses none).

Martin Fowler's warning (*CQRS*, bliki, 2011) applies: "for most systems CQRS adds risky
complexity"; use it for a bounded context where reads and writes really differ.

Sources:
    - Greg Young, *CQRS Documents* (2010),
      <https://cqrs.files.wordpress.com/2010/11/cqrs_documents.pdf>
    - Martin Fowler, *CQRS* (2011), <https://martinfowler.com/bliki/CQRS.html>
    - Marten, *Projections*, <https://martendb.io/events/projections/>
    - Harry Percival and Bob Gregory, *Architecture Patterns with Python*, ch. 12 "CQRS",
      <https://www.cosmicpython.com/book/chapter_12_cqrs.html>
    - Chris Richardson, *Pattern: Transactional outbox*,
      <https://microservices.io/patterns/data/transactional-outbox.html>

Examples:
    >>> from week4.cqrs import InMemoryUnitOfWork, InMemoryReadStore, InMemoryAccountList
    >>> from week4.cqrs import AsyncProjection, GetAccount, OpenAccount, Deposit, bank_bus
    >>> reads = InMemoryReadStore()
    >>> accounts = InMemoryAccountList(reads)
    >>> uow = InMemoryUnitOfWork(read_store=reads)
    >>> bus = bank_bus(uow)
    >>> _ = bus.handle(OpenAccount("c-1", "acc-1", "ada"))
    >>> written = bus.handle(Deposit("c-2", "acc-1", 500))
    >>> accounts.query(GetAccount("acc-1"), min_position=written.position)
    NotYet(wanted=2, position=0)
    >>> AsyncProjection(uow.store, accounts).project_available()
    2
    >>> accounts.query(GetAccount("acc-1"), min_position=written.position).value.balance_cents
    500
"""

from week4.cqrs.app import BankApp, in_memory_bank, sqlite_bank
from week4.cqrs.errors import (
    CommandRejectedError,
    CQRSError,
    DuplicateHandlerError,
    ReadModelError,
    SimulatedCrash,
    UnknownMessageError,
)
from week4.cqrs.faults import CrashOnceAt, RandomCrashes
from week4.cqrs.outbox import DeliveryReport, count_lost_updates
from week4.cqrs.read import (
    AccountList,
    AccountRow,
    Answer,
    AsyncProjection,
    GetAccount,
    GetStatement,
    InMemoryAccountList,
    InMemoryMovements,
    InMemoryReadStore,
    LargestMovements,
    ListAccounts,
    Movement,
    Movements,
    NotYet,
    Queries,
    ReadModel,
    ReadStore,
    Rebuild,
    SQLiteAccountList,
    SQLiteMovements,
    SQLiteReadStore,
    TotalBalance,
    live_account,
    live_view,
    wait_for_position,
)
from week4.cqrs.write import (
    COMMAND_TYPES,
    FAULT_POINTS,
    AccountCommand,
    CloseAccount,
    CommandResult,
    Deposit,
    InMemoryUnitOfWork,
    MessageBus,
    OpenAccount,
    SQLiteUnitOfWork,
    UnitOfWork,
    Withdraw,
    account_handler,
    bank_bus,
)

__all__ = [
    "COMMAND_TYPES",
    "FAULT_POINTS",
    "AccountCommand",
    "AccountList",
    "AccountRow",
    "Answer",
    "AsyncProjection",
    "BankApp",
    "CQRSError",
    "CloseAccount",
    "CommandRejectedError",
    "CommandResult",
    "CrashOnceAt",
    "DeliveryReport",
    "Deposit",
    "DuplicateHandlerError",
    "GetAccount",
    "GetStatement",
    "InMemoryAccountList",
    "InMemoryMovements",
    "InMemoryReadStore",
    "InMemoryUnitOfWork",
    "LargestMovements",
    "ListAccounts",
    "MessageBus",
    "Movement",
    "Movements",
    "NotYet",
    "OpenAccount",
    "Queries",
    "RandomCrashes",
    "ReadModel",
    "ReadModelError",
    "ReadStore",
    "Rebuild",
    "SQLiteAccountList",
    "SQLiteMovements",
    "SQLiteReadStore",
    "SQLiteUnitOfWork",
    "SimulatedCrash",
    "TotalBalance",
    "UnitOfWork",
    "UnknownMessageError",
    "Withdraw",
    "account_handler",
    "bank_bus",
    "count_lost_updates",
    "in_memory_bank",
    "live_account",
    "live_view",
    "sqlite_bank",
    "wait_for_position",
]
