"""The bank as the simulations drive it: the chapter's write side and account lists, wired.

The simulations' nodes call four things: run a deposit (:meth:`LabBank.deposit`), read a
balance from the write model (:meth:`LabBank.write_balance`), let a projection catch up to
a position (:meth:`LabBank.catch_up`) and ask an account list (:meth:`LabBank.read`). This
module is where those calls meet the library: the bus over an in-memory unit of work, one
inline or several async projections of :class:`~week4.cqrs.read.InMemoryAccountList`.
"""

from __future__ import annotations

from typing import Any

from week4.cqrs.read.account_list import GetAccount, InMemoryAccountList
from week4.cqrs.read.model import Answer, NotYet
from week4.cqrs.read.projections import AsyncProjection, live_account
from week4.cqrs.read.stores import InMemoryReadStore
from week4.cqrs.write.handlers import bank_bus
from week4.cqrs.write.memory_uow import InMemoryUnitOfWork
from week4.cqrs.write.messages import CommandResult, Deposit, OpenAccount
from week4.event_sourcing import InMemoryEventStore


class LabBank:
    """One bank: an event store, the write side's bus on it, and its account lists.

    Args:
        inline: Keep account list 0 in the append's own transaction (Marten's inline
            mode); otherwise every list is an async projection moved by :meth:`catch_up`.
        replicas: How many account lists (async ones each follow the log on their own).
    """

    def __init__(self, *, inline: bool = False, replicas: int = 1) -> None:
        self.inline = inline
        self.events = InMemoryEventStore()
        write_store = InMemoryReadStore()
        if inline:
            self.replicas = [InMemoryAccountList(write_store)]
            uow = InMemoryUnitOfWork(self.events, write_store, inline=self.replicas)
        else:
            self.replicas = [InMemoryAccountList(InMemoryReadStore()) for _ in range(replicas)]
            uow = InMemoryUnitOfWork(self.events, write_store)
        self.projections = [AsyncProjection(self.events, m) for m in self.replicas]
        self.bus = bank_bus(uow)
        self._commands = 0

    @property
    def head(self) -> int:
        """The position of the last event written."""
        return self.events.last_position()

    def position(self, replica: int = 0) -> int:
        """The position account list ``replica`` has applied."""
        return self.replicas[replica].position

    def _handle(self, command: Any) -> CommandResult:
        result = self.bus.handle(command)
        assert isinstance(result, CommandResult)
        return result

    def open(self, account: str, owner: str) -> int:
        """Open an account; returns the position of its event."""
        self._commands += 1
        return self._handle(OpenAccount(f"open-{account}", account, owner)).position

    def deposit(self, command_id: str, account: str, amount_cents: int) -> CommandResult:
        """Run a deposit through the bus; returns its stream, version and position."""
        return self._handle(Deposit(command_id, account, amount_cents))

    def write_balance(self, account: str) -> int:
        """The balance as the write model has it: the account's stream, folded now."""
        row = live_account(self.events, account)
        return row.balance_cents if row is not None else 0

    def catch_up(self, position: int, replica: int = 0) -> None:
        """Let projection ``replica`` apply every event up to ``position``."""
        behind = position - self.replicas[replica].position
        if behind > 0 and not self.inline:
            self.projections[replica].project_available(behind)

    def read(self, account: str, min_position: int = 0, replica: int = 0) -> Answer[int] | NotYet:
        """The balance in account list ``replica``, if it reached ``min_position``."""
        answer = self.replicas[replica].query(GetAccount(account), min_position)
        if isinstance(answer, NotYet):
            return answer
        row = answer.value
        return Answer(row.balance_cents if row is not None else 0, answer.position)
