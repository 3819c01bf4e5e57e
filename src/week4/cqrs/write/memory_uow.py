"""The unit of work over an in-memory event store and read store (tests, browser, simulator).

The in-memory event store cannot roll an append back, so the append is the *last* step:
the events are first recorded as the store will record them (the same JSON round trip,
versions after the loaded one, positions after the store's last), the inline read models
and the idempotency record are written in the read store's undoable transaction, and only
then does :meth:`InMemoryUnitOfWork.commit` append. If the append fails (a concurrent
writer that bypassed this unit of work), the read store rolls back: all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from week4.cqrs.read.model import ReadModel
from week4.cqrs.read.stores import InMemoryReadStore, MemoryTx
from week4.cqrs.write.messages import CommandResult
from week4.cqrs.write.unit_of_work import PROCESSED, Fault, UnitOfWork
from week4.event_sourcing import EventStore, InMemoryEventStore, NewEvent, RecordedEvent
from week4.event_sourcing.store.records import decode_rows, encode_events


class InMemoryUnitOfWork(UnitOfWork[MemoryTx]):
    """Bank commands over an event store and an :class:`InMemoryReadStore`.

    Args:
        store: The event store (any backend; writes must all go through this unit of work).
        read_store: Where the inline read models and the processed command ids live.
        inline: Read models updated in the same transaction as the append.
        fault: Called between the steps; may raise to simulate a crash.

    The events the inline models see carry ``recorded_at=0.0`` (the store's clock is its
    own); the read models here do not use it.
    """

    def __init__(
        self,
        store: EventStore | None = None,
        read_store: InMemoryReadStore | None = None,
        inline: Sequence[ReadModel[Any]] = (),
        fault: Fault | None = None,
    ) -> None:
        self.store: EventStore = store if store is not None else InMemoryEventStore()
        super().__init__(
            read_store if read_store is not None else InMemoryReadStore(), inline, fault
        )
        with self.read_store.transaction() as tx:
            tx.create_table(PROCESSED)
        self._pending: tuple[str, Sequence[NewEvent], int, list[RecordedEvent]] | None = None

    def processed(self, tx: MemoryTx, command_id: str) -> tuple[CommandResult, str] | None:
        """The first result of ``command_id`` and its fingerprint, if handled."""
        found: tuple[CommandResult, str] | None = tx.table(PROCESSED).get(command_id)
        return found

    def remember(
        self, tx: MemoryTx, command_id: str, result: CommandResult, fingerprint: str
    ) -> None:
        """Record the result inside ``tx`` (rolled back with it)."""
        tx.put(PROCESSED, command_id, (result, fingerprint))

    def load(self, tx: MemoryTx, stream: str) -> tuple[Any, int]:
        """Fold the account's stream."""
        del tx
        return self.cached(stream, lambda start: self.store.read_stream(stream, start))

    def append(
        self, tx: MemoryTx, stream: str, events: Sequence[NewEvent], expected_version: int
    ) -> list[RecordedEvent]:
        """Record the events as the store will, and append them at :meth:`commit`."""
        del tx
        first = self.store.last_position() + 1
        rows = [
            (stream, expected_version + i, first + i - 1, kind, data, meta, 0.0)
            for i, (kind, data, meta) in enumerate(encode_events(events), 1)
        ]
        recorded = decode_rows(rows)
        self._pending = (stream, events, expected_version, recorded)
        return recorded

    def events_after(self, tx: MemoryTx, start: int) -> Iterable[RecordedEvent]:
        """The stored events from ``start`` on, then the pending ones."""
        del tx
        yield from self.store.read_all(start)
        if self._pending is not None:
            yield from (e for e in self._pending[3] if e.position >= start)

    def commit(self, tx: MemoryTx) -> None:
        """Append for real: the last step, so nothing can fail after it."""
        del tx
        pending, self._pending = self._pending, None
        if pending is not None:
            stream, events, expected, recorded = pending
            self.store.append(stream, events, expected)
            if self.store.last_position() != recorded[-1].position:  # pragma: no cover
                raise RuntimeError("another writer appended outside the unit of work")

    def execute(self, command: Any) -> CommandResult:
        """See :meth:`UnitOfWork.execute`."""
        try:
            return super().execute(command)
        finally:
            self._pending = None
