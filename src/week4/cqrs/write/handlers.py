"""The bank's command handlers, and the bus wired to a unit of work.

Handlers are plain functions of the command (cosmicpython's ``handlers.py``), closed over
the unit of work by :func:`bank_bus`, the composition root of the write side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from week4.cqrs.write.bus import EventHandler, MessageBus
from week4.cqrs.write.messages import COMMAND_TYPES, AccountCommand, CommandResult
from week4.cqrs.write.unit_of_work import UnitOfWork
from week4.event_sourcing.bank import EVENT_TYPES


def account_handler(uow: UnitOfWork[Any]) -> Callable[[AccountCommand], CommandResult]:
    """The handler of every account command: one transaction of ``uow`` per command."""

    def handle(command: AccountCommand) -> CommandResult:
        return uow.execute(command)

    return handle


def bank_bus(
    uow: UnitOfWork[Any], subscribers: Mapping[type[Any], Sequence[EventHandler]] | None = None
) -> MessageBus:
    """A bus that sends the bank's commands to ``uow`` and its events to ``subscribers``.

    Examples:
        >>> from week4.cqrs.write.memory_uow import InMemoryUnitOfWork
        >>> from week4.cqrs.write.messages import Deposit, OpenAccount
        >>> bus = bank_bus(InMemoryUnitOfWork())
        >>> bus.handle(OpenAccount("c-1", "acc-1", "ada"))
        CommandResult(stream='acc-1', version=1, position=1)
        >>> bus.handle(Deposit("c-2", "acc-1", 500))
        CommandResult(stream='acc-1', version=2, position=2)
        >>> bus.handle(Deposit("c-2", "acc-1", 500))  # the same command again: no effect
        CommandResult(stream='acc-1', version=2, position=2)
    """
    handler = account_handler(uow)
    events: dict[type[Any], list[EventHandler]] = {kind: [] for kind in EVENT_TYPES}
    for kind, handlers in (subscribers or {}).items():
        events.setdefault(kind, []).extend(handlers)
    return MessageBus(
        commands=dict.fromkeys(COMMAND_TYPES, handler),
        events=events,
        collect=uow.collect_new_events,
    )
