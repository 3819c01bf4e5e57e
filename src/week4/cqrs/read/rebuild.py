"""Rebuilding a read model blue/green: replay into a new table, then swap it in atomically.

A read model is disposable: its code changes, a bug corrupts it, a new screen needs it.
:class:`Rebuild` replays the whole log into generation ``g + 1`` (its own table, its own
checkpoint) while queries keep reading generation ``g``, which the inline or async
projection keeps up to date meanwhile. :meth:`Rebuild.swap` then, in one transaction of the
read store, applies the last events the new generation lacks and makes it the live one: a
query sees either the old table or the new one, never a half-built one. The old table is
kept (to swap back, or to compare) until :meth:`Rebuild.drop_old`.

The rebuild can be stepped (:meth:`Rebuild.step`, for the simulator and for pages that
show queries answered during it) and, since the new generation's rows and checkpoint commit
together, an interrupted rebuild resumes where it stopped.

Sources: Marten docs, *Rebuilding Projections* and *blue/green deployment of projections*;
Martin Fowler, *BlueGreenDeployment* (bliki, 2010).
"""

from __future__ import annotations

from typing import Any

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.model import ReadModel
from week4.cqrs.read.projections import EventFault, guarded
from week4.cqrs.read.stores import checkpoint_name
from week4.event_sourcing import CatchUpSubscription, EventStore


class Rebuild:
    """Replays the log into the next generation of ``model``, then swaps it in.

    Args:
        store: The event store.
        model: The read model to rebuild (its code applies the events).
        batch_size: Events per transaction while replaying.
        fault: Called before each replayed event; may raise (a crash mid-rebuild).

    Examples:
        >>> from week4.cqrs.app import in_memory_bank
        >>> from week4.cqrs import OpenAccount, ListAccounts
        >>> bank = in_memory_bank(inline=["account_list"])
        >>> _ = bank.bus.handle(OpenAccount("c-1", "acc-1", "ada"))
        >>> rebuild = Rebuild(bank.store, bank.accounts)
        >>> rebuild.step(), bank.accounts.generation
        (1, 1)
        >>> rebuild.swap(), bank.accounts.generation
        (None, 2)
        >>> [row.owner for row in bank.accounts.ask(ListAccounts())]
        ['ada']
    """

    def __init__(
        self,
        store: EventStore,
        model: ReadModel[Any],
        *,
        batch_size: int = 100,
        fault: EventFault | None = None,
    ) -> None:
        self.store = store
        self.model = model
        self.old = model.generation
        self.new = self.old + 1
        self.swapped = False
        name = checkpoint_name(model.name, self.new)
        self._subscription = CatchUpSubscription(
            store, name, guarded(model, self.new, name, fault), model.store, batch_size=batch_size
        )
        with model.store.transaction() as tx:
            model.create(tx, self.new)

    @property
    def position(self) -> int:
        """How far the new generation has replayed."""
        return self.model.store.load(checkpoint_name(self.model.name, self.new))

    @property
    def lag(self) -> int:
        """Events the new generation still lacks."""
        return max(0, self.store.last_position() - self.position)

    def step(self, limit: int | None = None) -> int:
        """Replay up to ``limit`` more events into the new generation (queries unaffected).

        Returns:
            How many events were replayed (0: caught up for now).
        """
        self._check_not_swapped()
        return self._subscription.run(limit)

    def swap(self) -> None:
        """Catch the new generation up and make it live, in one read-store transaction.

        Raises:
            ReadModelError: Already swapped, or the live generation changed meanwhile.
        """
        self._check_not_swapped()
        model, reads = self.model, self.model.store
        name = checkpoint_name(model.name, self.new)
        with reads.transaction() as tx:
            if reads.generation(model.name) != self.old:
                raise ReadModelError(f"{model.name}'s live generation changed during the rebuild")
            done = reads.load(name)
            last = done
            for event in self.store.read_all(done + 1):
                model.apply(tx, self.new, event)
                last = event.position
            reads.save(tx, name, last)
            reads.set_generation(tx, model.name, self.new)
        self.swapped = True

    def drop_old(self) -> None:
        """Drop the old generation's table (after the swap; the checkpoint row stays)."""
        if not self.swapped:
            raise ReadModelError("drop_old before swap would drop the live table")
        with self.model.store.transaction() as tx:
            self.model.drop(tx, self.old)

    def run(self) -> None:
        """Replay everything, then swap: a whole rebuild."""
        while self.step():
            pass
        self.swap()

    def _check_not_swapped(self) -> None:
        if self.swapped:
            raise ReadModelError("this rebuild has already been swapped in")
