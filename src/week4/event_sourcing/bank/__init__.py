"""The example domain: a bank account as a decider, and its repository over a store."""

from week4.event_sourcing.bank.accounts import account_repository, bank_mapper
from week4.event_sourcing.bank.domain import (
    ACCOUNT,
    EVENT_TYPES,
    Account,
    AccountClosed,
    AccountCommand,
    AccountEvent,
    AccountOpened,
    CloseAccount,
    Deposit,
    Deposited,
    OpenAccount,
    Withdraw,
    Withdrawn,
)

__all__ = [
    "ACCOUNT",
    "EVENT_TYPES",
    "Account",
    "AccountClosed",
    "AccountCommand",
    "AccountEvent",
    "AccountOpened",
    "CloseAccount",
    "Deposit",
    "Deposited",
    "OpenAccount",
    "Withdraw",
    "Withdrawn",
    "account_repository",
    "bank_mapper",
]
