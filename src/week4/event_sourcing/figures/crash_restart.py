"""A projection fed by a catch-up subscription that crashes mid-batch and restarts.

The subscription reads the log in batches and checkpoints after each batch. A consumer that
dies mid-batch is handed that batch again when it restarts: delivery is *at least once*.
Whether the projection then counts an event twice depends on where its writes live:

* ``"together"``: the projection's table and the checkpoint commit in one transaction
  (here an in-memory :class:`MemoryDatabase`; on disk,
  :class:`~week4.event_sourcing.subscriptions.catch_up.SQLiteCheckpointStore`), so the crash rolls
  back both: exactly once in effect.
* ``"idempotent"``: the projection commits on its own but remembers the last position it
  applied per stream and skips anything at or below it.
* ``"naive"``: the projection commits on its own and applies whatever it is handed: the
  re-delivered events are counted twice.

The same idea as the ``eventsourcing`` library's ``ProcessRecorder`` (tracking record and
new state in one transaction) and Kafka's "exactly once" being at-least-once delivery plus
an idempotent or transactional consumer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from week4.event_sourcing.store.protocol import EventStore
from week4.event_sourcing.store.records import RecordedEvent
from week4.event_sourcing.subscriptions.catch_up import CatchUpSubscription

Mode = Literal["together", "idempotent", "naive"]
MODES: tuple[Mode, ...] = ("together", "idempotent", "naive")
NAME = "balances"


class ConsumerCrashedError(Exception):
    """The consumer process died (simulated)."""


@dataclass
class Tables:
    """A projection's tables and the subscription's checkpoints, as one unit.

    Attributes:
        balances: Balance per account, in cents.
        last_applied: Per account, the position of the last event applied.
        applied: The positions applied, in order (a journal, to count double effects).
        checkpoints: Per subscription, the last position handled.
    """

    balances: dict[str, int] = field(default_factory=dict)
    last_applied: dict[str, int] = field(default_factory=dict)
    applied: list[int] = field(default_factory=list)
    checkpoints: dict[str, int] = field(default_factory=dict)

    def copy(self) -> Tables:
        """A copy to write to inside a transaction."""
        return Tables(
            dict(self.balances), dict(self.last_applied), list(self.applied), dict(self.checkpoints)
        )


class MemoryDatabase:
    """An in-memory database with transactions: a checkpoint store whose writes roll back.

    ``transaction()`` hands out a copy of the tables; it replaces the committed tables only
    if the block ends without an exception. With ``shared=False`` the checkpoints still
    commit per batch, but the projection writes to :attr:`committed` directly, outside
    any transaction (the naive and idempotent set-ups).
    """

    def __init__(self, *, shared: bool = True) -> None:
        self.committed = Tables()
        self.shared = shared
        self.transactional = True

    def load(self, name: str) -> int:
        """The last position ``name`` handled (0: none yet)."""
        return self.committed.checkpoints.get(name, 0)

    @contextmanager
    def transaction(self) -> Iterator[Tables]:
        """The tables to write to; committed at the end, dropped if the block raises."""
        staged = self.committed.copy()
        yield staged if self.shared else self.committed
        if self.shared:
            self.committed = staged

    def save(self, tx: Tables, name: str, position: int) -> None:
        """Record the checkpoint (in the transaction's tables when shared)."""
        tx.checkpoints[name] = position


@dataclass
class CrashRun:
    """What happened: deliveries per position, and the projection after the restart.

    Attributes:
        mode: How the projection commits.
        runs: Per run of the consumer: (checkpoint at start, events delivered, outcome).
        deliveries: How many times each position reached the handler.
        applied: How many times each position changed the committed balances.
        balances: The committed projection at the end.
        checkpoint: The committed checkpoint at the end.
    """

    mode: Mode
    runs: list[tuple[int, int, str]] = field(default_factory=list)
    deliveries: dict[int, int] = field(default_factory=dict)
    applied: dict[int, int] = field(default_factory=dict)
    balances: dict[str, int] = field(default_factory=dict)
    checkpoint: int = 0


def run_crash(store: EventStore, mode: Mode, crash_at: int, batch_size: int) -> CrashRun:
    """Project balances from ``store``; the consumer dies at ``crash_at`` once, then restarts.

    The crash comes after the handler wrote the event at ``crash_at`` and before the batch's
    checkpoint: the worst moment.
    """
    db = MemoryDatabase(shared=mode == "together")
    out = CrashRun(mode)
    crashed = False

    def handle(event: RecordedEvent, tx: Tables) -> None:
        nonlocal crashed
        out.deliveries[event.position] = out.deliveries.get(event.position, 0) + 1
        if mode == "idempotent" and tx.last_applied.get(event.stream, 0) >= event.position:
            return
        amount = event.data["amount_cents"] if event.type == "Deposited" else 0
        amount -= event.data["amount_cents"] if event.type == "Withdrawn" else 0
        tx.balances[event.stream] = tx.balances.get(event.stream, 0) + amount
        tx.last_applied[event.stream] = event.position
        tx.applied.append(event.position)
        if event.position == crash_at and not crashed:
            crashed = True
            raise ConsumerCrashedError(f"consumer died at position {crash_at}")

    while True:
        start = db.load(NAME)
        before = sum(out.deliveries.values())
        subscription = CatchUpSubscription(store, NAME, handle, db, batch_size=batch_size)
        try:
            subscription.run()
        except ConsumerCrashedError:
            out.runs.append((start, sum(out.deliveries.values()) - before, "crashed"))
            continue
        out.runs.append((start, sum(out.deliveries.values()) - before, "caught up"))
        break
    for position in db.committed.applied:
        out.applied[position] = out.applied.get(position, 0) + 1
    out.balances = dict(db.committed.balances)
    out.checkpoint = db.load(NAME)
    return out
