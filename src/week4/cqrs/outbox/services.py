"""Two ways for a state-stored write side to tell the read side: dual write, and outbox.

* :class:`DualWriteService` commits the row, *then* publishes ("commit, then publish"). A
  process that dies between the two has changed the row and told nobody: the read model
  never learns of that update. Publishing first is no better (a message about a change
  that then rolls back).
* :class:`OutboxService` writes the message into the ``outbox`` table in the same
  transaction as the row; a :class:`Relay` publishes the outbox rows afterwards and marks
  them. A crash before the commit loses both (nothing happened), after it loses neither;
  a crash between publishing and marking publishes again: at least once, never zero.

Both call ``fault(point)`` between their steps (:data:`DUAL_WRITE_POINTS`,
:data:`OUTBOX_POINTS`, :data:`RELAY_POINTS`); raising
:class:`~week4.cqrs.errors.SimulatedCrash` there kills the "process".

Sources: Chris Richardson, *Pattern: Transactional outbox* and *Microservices Patterns*
(2018), ch. 3; Gunnar Morling, *Reliable Microservices Data Exchange With the Outbox
Pattern* (Debezium blog, 2019).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from week4.cqrs.errors import CommandRejectedError
from week4.cqrs.outbox.broker import InMemoryBroker
from week4.cqrs.outbox.messages import AccountChanged
from week4.cqrs.outbox.state_store import StateStore
from week4.cqrs.write.messages import AccountCommand
from week4.cqrs.write.unit_of_work import check_command
from week4.event_sourcing import DomainError
from week4.event_sourcing.bank import ACCOUNT

Fault = Callable[[str], None]
DUAL_WRITE_POINTS = ("before-commit", "after-commit", "after-publish")
OUTBOX_POINTS = ("before-commit", "after-commit")
RELAY_POINTS = ("after-publish", "after-mark")


def _no_fault(point: str) -> None:
    del point


def change_state(store: StateStore[Any], tx: Any, command: AccountCommand) -> AccountChanged | None:
    """Decide ``command`` on the account's row and write the new row, inside ``tx``.

    Returns:
        The message describing the change; None if the command id was handled before.

    Raises:
        CommandRejectedError: The bank's rules refuse the command (nothing written).
    """
    check_command(command)
    if store.handled(tx, command.command_id):
        return None
    state = store.load(tx, command.account)
    try:
        [event] = ACCOUNT.decide(command.to_domain(), state)
    except DomainError as error:
        raise CommandRejectedError(command.command_id, str(error)) from None
    store.save(tx, command.account, ACCOUNT.evolve(state, event))
    store.remember(tx, command.command_id)
    return AccountChanged(command.command_id, command.account, event)


class DualWriteService:
    """Commit the row, then publish the message: two writes, no transaction around them."""

    def __init__(
        self, store: StateStore[Any], broker: InMemoryBroker, fault: Fault | None = None
    ) -> None:
        self.store = store
        self.broker = broker
        self.fault = fault if fault is not None else _no_fault

    def handle(self, command: AccountCommand) -> bool:
        """Run one command; True if it changed the state (False: a repeat)."""
        with self.store.transaction() as tx:
            message = change_state(self.store, tx, command)
            self.fault("before-commit")
        if message is None:
            return False
        self.fault("after-commit")
        self.broker.publish(message.to_json())
        self.fault("after-publish")
        return True


class OutboxService:
    """Write the row and its message in one transaction; the :class:`Relay` publishes."""

    def __init__(self, store: StateStore[Any], fault: Fault | None = None) -> None:
        self.store = store
        self.fault = fault if fault is not None else _no_fault

    def handle(self, command: AccountCommand) -> bool:
        """Run one command; True if it changed the state (False: a repeat)."""
        with self.store.transaction() as tx:
            message = change_state(self.store, tx, command)
            if message is not None:
                self.store.add_to_outbox(tx, message.to_json())
            self.fault("before-commit")
        self.fault("after-commit")
        return message is not None


class Relay:
    """Publishes outbox rows in order and marks them: at least once.

    Args:
        store: The state store holding the outbox.
        broker: Where to publish.
        fault: Called after publishing a row and after marking it.
    """

    def __init__(
        self, store: StateStore[Any], broker: InMemoryBroker, fault: Fault | None = None
    ) -> None:
        self.store = store
        self.broker = broker
        self.fault = fault if fault is not None else _no_fault

    def step(self, limit: int = 100) -> int:
        """Publish up to ``limit`` pending rows; return how many were published."""
        rows = self.store.unpublished(limit)
        for outbox_id, message in rows:
            self.broker.publish(message)
            self.fault("after-publish")
            self.store.mark_published(outbox_id)
            self.fault("after-mark")
        return len(rows)

    def drain(self) -> int:
        """Publish until the outbox is empty."""
        total = 0
        while published := self.step():
            total += published
        return total
