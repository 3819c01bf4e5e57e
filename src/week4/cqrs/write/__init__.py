"""The write side: commands, the message bus, the unit of work and its two backends."""

from week4.cqrs.write.bus import MessageBus
from week4.cqrs.write.handlers import account_handler, bank_bus
from week4.cqrs.write.memory_uow import InMemoryUnitOfWork
from week4.cqrs.write.messages import (
    COMMAND_TYPES,
    AccountCommand,
    CloseAccount,
    CommandResult,
    Deposit,
    OpenAccount,
    Withdraw,
)
from week4.cqrs.write.sqlite_uow import SQLiteUnitOfWork
from week4.cqrs.write.unit_of_work import FAULT_POINTS, UnitOfWork

__all__ = [
    "COMMAND_TYPES",
    "FAULT_POINTS",
    "AccountCommand",
    "CloseAccount",
    "CommandResult",
    "Deposit",
    "InMemoryUnitOfWork",
    "MessageBus",
    "OpenAccount",
    "SQLiteUnitOfWork",
    "UnitOfWork",
    "Withdraw",
    "account_handler",
    "bank_bus",
]
