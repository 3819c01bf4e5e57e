"""The unit of work: one command, one transaction, over the event store and the read store.

:meth:`UnitOfWork.execute` is the whole write path, the same for both backends:

1. the command id is looked up: a repeat returns the first result and writes nothing
   (idempotent receiver; a reused id with another payload is refused);
2. the account is loaded (a fold of its stream) and the bank's decider checks the command:
   overdraft, closing a non-empty account, a closed account... (a refusal raises
   :class:`CommandRejectedError` with the reason, and the transaction rolls back);
3. the events are appended with the version that was read (optimistic concurrency);
4. the **inline** read models apply them (Marten's inline projections) and move their
   checkpoints, the command id is remembered, and everything commits together.

A ``fault`` hook is called between the steps with the step's name; raising there (a
:class:`~week4.cqrs.errors.SimulatedCrash`) shows that a crash leaves nothing half-done.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from week4.cqrs.errors import CommandRejectedError
from week4.cqrs.read.model import ReadModel
from week4.cqrs.read.stores import ReadStore, checkpoint_name
from week4.cqrs.write.messages import AccountCommand, CommandResult
from week4.event_sourcing import DomainError, NewEvent, RecordedEvent
from week4.event_sourcing.bank import ACCOUNT, Account, bank_mapper
from week4.event_sourcing.store.errors import InvalidEventError

Tx = TypeVar("Tx")
Fault = Callable[[str], None]
FAULT_POINTS = ("before-append", "after-append", "after-projection", "before-commit")
"""Where :meth:`UnitOfWork.execute` calls its fault hook, in order."""
PROCESSED = "processed_commands"


def _no_fault(point: str) -> None:
    del point


MAX_AMOUNT_CENTS = 10**15
"""The largest amount one command may move (ten trillion euros): SQLite integers are 64-bit."""


def check_command(command: AccountCommand) -> None:
    """Refuse a malformed command before anything is read or written.

    The bank's decider checks the business rules (positive amounts, overdraft...); this
    checks the shape: non-blank string ids, account and owner, string reason, integer
    amounts up to :data:`MAX_AMOUNT_CENTS`.
    """
    command_id = getattr(command, "command_id", None)
    if not isinstance(command_id, str) or not command_id.strip():
        raise CommandRejectedError(repr(command_id), "command_id must be a non-empty string")
    if not isinstance(command.account, str) or not command.account.strip():
        raise CommandRejectedError(command_id, "account must be a non-empty string")
    for name in ("owner", "reason"):
        value = getattr(command, name, "")
        if not isinstance(value, str):
            raise CommandRejectedError(command_id, f"{name} must be a string, got {value!r}")
    amount = getattr(command, "amount_cents", 1)
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise CommandRejectedError(command_id, f"amount_cents must be an int, got {amount!r}")
    if amount > MAX_AMOUNT_CENTS:
        raise CommandRejectedError(
            command_id, f"amount_cents must be at most {MAX_AMOUNT_CENTS}, got {amount}"
        )


class UnitOfWork(ABC, Generic[Tx]):
    """Executes bank commands atomically; see the module docstring for the steps.

    Args:
        read_store: The read store whose transaction the write runs in.
        inline: The read models updated in the same transaction as the append.
        fault: Called with each step's name (:data:`FAULT_POINTS`); may raise.
    """

    def __init__(
        self,
        read_store: ReadStore[Tx],
        inline: Sequence[ReadModel[Any]] = (),
        fault: Fault | None = None,
    ) -> None:
        self.read_store = read_store
        self.inline = list(inline)
        self.fault = fault if fault is not None else _no_fault
        self.mapper = bank_mapper()
        self._lock = threading.RLock()
        self._new_events: list[object] = []
        self._states: dict[str, tuple[Account, int]] = {}

    def execute(self, command: AccountCommand) -> CommandResult:
        """Run one command; return where its last event landed.

        Raises:
            CommandRejectedError: The command broke a rule; nothing was written.
            ConcurrencyError: Another writer appended to the account meanwhile (only with a
                writer that does not go through a unit of work); call again.
        """
        check_command(command)
        fingerprint = repr(command)
        with self._lock, self.read_store.transaction() as tx:
            done = self.processed(tx, command.command_id)
            if done is not None:
                if done[1] != fingerprint:
                    raise CommandRejectedError(
                        command.command_id, "this command id was used for another command"
                    )
                return done[0]
            state, version = self.load(tx, command.account)
            try:
                events = ACCOUNT.decide(command.to_domain(), state)
                metadata = {"command_id": command.command_id}
                new = [self.mapper.to_new_event(event, metadata) for event in events]
            except (DomainError, InvalidEventError) as error:
                raise CommandRejectedError(command.command_id, str(error)) from None
            self.fault("before-append")
            recorded = self.append(tx, command.account, new, version)
            self.fault("after-append")
            last = recorded[-1]
            for model in self.inline:
                self.project(tx, model, last.position)
            self.fault("after-projection")
            result = CommandResult(last.stream, last.version, last.position)
            self.remember(tx, command.command_id, result, fingerprint)
            self.fault("before-commit")
            self.commit(tx)
        self._new_events.extend(events)
        return result

    def project(self, tx: Tx, model: ReadModel[Any], upto: int) -> None:
        """Bring ``model``'s live generation to ``upto`` inside ``tx``, each event once."""
        generation = self.read_store.generation(model.name)
        name = checkpoint_name(model.name, generation)
        done = self.read_store.load(name)
        for event in self.events_after(tx, done + 1):
            if event.position > upto:
                break
            model.apply(tx, generation, event)
        self.read_store.save(tx, name, max(done, upto))

    def collect_new_events(self) -> list[object]:
        """The domain events written since the last call (for the message bus)."""
        events, self._new_events = self._new_events, []
        return events

    def fold(
        self, recorded: Iterable[RecordedEvent], start: tuple[Account, int] | None = None
    ) -> tuple[Account, int]:
        """The account's state and version after ``recorded``, from ``start`` (or new)."""
        state, version = start if start is not None else (ACCOUNT.initial, 0)
        for event in recorded:
            state = ACCOUNT.evolve(state, self.mapper.to_domain(event))
            version = event.version
        return state, version

    def cached(
        self, stream: str, read_from: Callable[[int], Iterable[RecordedEvent]]
    ) -> tuple[Account, int]:
        """The account's state and version: the cached fold plus the events after it.

        Events never change once stored, so the fold of versions 1..n stays true; only the
        events after ``n`` are read (an in-process snapshot, never persisted).
        """
        start = self._states.get(stream)
        loaded = self.fold(read_from(start[1] + 1 if start else 1), start)
        self._states[stream] = loaded
        return loaded

    @abstractmethod
    def processed(self, tx: Tx, command_id: str) -> tuple[CommandResult, str] | None:
        """The first result of ``command_id`` and its command's fingerprint, if handled."""

    @abstractmethod
    def remember(self, tx: Tx, command_id: str, result: CommandResult, fingerprint: str) -> None:
        """Record, inside ``tx``, that ``command_id`` was handled with ``result``."""

    @abstractmethod
    def load(self, tx: Tx, stream: str) -> tuple[Account, int]:
        """The account's state and version, as ``tx`` sees them."""

    @abstractmethod
    def append(
        self, tx: Tx, stream: str, events: Sequence[NewEvent], expected_version: int
    ) -> list[RecordedEvent]:
        """Append inside ``tx``; return the events as they are recorded."""

    @abstractmethod
    def events_after(self, tx: Tx, start: int) -> Iterable[RecordedEvent]:
        """Every event from position ``start`` on, as ``tx`` sees the log."""

    def commit(self, tx: Tx) -> None:
        """Last step inside the transaction (the in-memory backend appends here)."""
        del tx
