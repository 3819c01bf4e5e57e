"""The async and live projection modes (inline is the unit of work's, in the write path).

Marten names three lifecycles for a projection (Marten docs, *Projections*):

* **inline**: applied in the same transaction as the append
  (:class:`~week4.cqrs.write.unit_of_work.UnitOfWork` with ``inline=[model]``): never
  stale, but every write pays for it;
* **async**: a background daemon follows the log from a checkpoint
  (:class:`AsyncProjection`, the event sourcing chapter's
  :class:`~week4.event_sourcing.CatchUpSubscription` with the read store as its checkpoint
  store): writes stay fast, reads lag behind;
* **live**: nothing stored, the events are folded when a query comes (:func:`live_view`,
  :func:`live_account`): always fresh, every read pays for the replay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.account_list import AccountRow, next_row
from week4.cqrs.read.model import BANK_EVENTS, ReadModel
from week4.cqrs.read.stores import InMemoryReadStore, checkpoint_name
from week4.event_sourcing import CatchUpSubscription, EventStore, RecordedEvent
from week4.event_sourcing.bank import bank_mapper

EventFault = Callable[[RecordedEvent], None]
"""Called before each event is applied; raising there crashes the projection mid-batch."""


class AsyncProjection:
    """Keeps one read model up to date from the log, in batches, from its checkpoint.

    The batch's rows and the checkpoint commit in one read-store transaction, so a crash
    mid-batch (the ``fault`` hook raising, or the process dying) rolls the batch back and
    the next run starts again at its first event: every event is applied exactly once.

    Args:
        store: The event store to follow.
        model: The read model to maintain (its live generation).
        batch_size: Events per transaction.
        fault: Called before each event is applied (simulated crashes).

    Examples:
        >>> from week4.event_sourcing import InMemoryEventStore
        >>> from week4.cqrs.read.account_list import InMemoryAccountList
        >>> events = InMemoryEventStore()
        >>> projection = AsyncProjection(events, InMemoryAccountList(InMemoryReadStore()))
        >>> projection.project_available(), projection.lag
        (0, 0)
    """

    def __init__(
        self,
        store: EventStore,
        model: ReadModel[Any],
        *,
        batch_size: int = 100,
        fault: EventFault | None = None,
    ) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ReadModelError(f"batch_size must be an int >= 1, got {batch_size!r}")
        self.store = store
        self.model = model
        self.batch_size = batch_size
        self.fault = fault

    @property
    def position(self) -> int:
        """The last position the read model has applied."""
        return self.model.position

    @property
    def lag(self) -> int:
        """Events written but not yet applied."""
        return max(0, self.store.last_position() - self.model.position)

    def project_available(self, limit: int | None = None) -> int:
        """Apply what the log holds past the checkpoint, at most ``limit`` events.

        Pure stepping, no waiting and no clock: a simulation calls it when its virtual time
        says the daemon runs (and with ``limit`` for a daemon that lags behind).

        Returns:
            How many events were read past the checkpoint (other chapters' included).

        Raises:
            Exception: Whatever ``fault`` raised; the current batch is rolled back.
        """
        model = self.model
        generation = model.store.generation(model.name)
        name = checkpoint_name(model.name, generation)
        subscription = CatchUpSubscription(
            self.store,
            name,
            guarded(model, generation, name, self.fault),
            model.store,
            batch_size=self.batch_size,
        )
        return subscription.run(limit)


def guarded(
    model: ReadModel[Any], generation: int, name: str, fault: EventFault | None = None
) -> Callable[[RecordedEvent, Any], None]:
    """A handler that applies an event only if the checkpoint, read in ``tx``, is before it.

    Two runners of one projection (processes competing for the same SQLite file) may read
    the same page before either commits; the second then waits for the write lock, and its
    transaction sees the first one's checkpoint: it skips what is already applied instead
    of applying it twice. The read store's ``load`` runs on the transaction's connection
    (SQLite) or on the state being changed (memory), so it sees the latest commit.
    """
    reads = model.store

    def handle(event: RecordedEvent, tx: Any) -> None:
        if event.position <= reads.load(name):
            return
        if fault is not None:
            fault(event)
        model.apply(tx, generation, event)

    return handle


def live_view(
    store: EventStore, factory: Callable[[InMemoryReadStore], ReadModel[Any]]
) -> ReadModel[Any]:
    """A read model folded from the whole log now, in memory (the live mode).

    Args:
        store: The event store.
        factory: Builds the model on a read store (``InMemoryAccountList``...).

    Returns:
        The model, at ``store``'s last position.
    """
    model = factory(InMemoryReadStore())
    AsyncProjection(store, model, batch_size=1000).project_available()
    return model


def live_account(store: EventStore, account: str) -> AccountRow | None:
    """One account's row, folded from its own stream only (the cheap live query)."""
    mapper = bank_mapper()
    row: AccountRow | None = None
    for event in store.read_stream(account):
        if event.type in BANK_EVENTS:
            row = next_row(row, event, mapper.to_domain(event))
    return row
