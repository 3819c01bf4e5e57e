"""The read side: read stores, two read models, and the projection modes."""

from week4.cqrs.read.account_list import (
    AccountList,
    AccountRow,
    GetAccount,
    InMemoryAccountList,
    ListAccounts,
    SQLiteAccountList,
    TotalBalance,
)
from week4.cqrs.read.model import Answer, NotYet, ReadModel
from week4.cqrs.read.movements import (
    GetStatement,
    InMemoryMovements,
    LargestMovements,
    Movement,
    Movements,
    SQLiteMovements,
)
from week4.cqrs.read.projections import AsyncProjection, live_account, live_view
from week4.cqrs.read.queries import Queries
from week4.cqrs.read.rebuild import Rebuild
from week4.cqrs.read.sqlite_store import SQLiteReadStore
from week4.cqrs.read.stores import InMemoryReadStore, ReadStore
from week4.cqrs.read.waiting import wait_for_position

__all__ = [
    "AccountList",
    "AccountRow",
    "Answer",
    "AsyncProjection",
    "GetAccount",
    "GetStatement",
    "InMemoryAccountList",
    "InMemoryMovements",
    "InMemoryReadStore",
    "LargestMovements",
    "ListAccounts",
    "Movement",
    "Movements",
    "NotYet",
    "Queries",
    "ReadModel",
    "ReadStore",
    "Rebuild",
    "SQLiteAccountList",
    "SQLiteMovements",
    "SQLiteReadStore",
    "TotalBalance",
    "live_account",
    "live_view",
    "wait_for_position",
]
