"""Catch-up subscriptions with durable checkpoints: every event handled once, in effect.

A subscription reads the global log from its checkpoint on, hands each event to a handler
and advances the checkpoint (EventStoreDB/KurrentDB docs, *Catch-up subscriptions*: "the
client keeps the checkpoint"). Delivery is at least once; the effect is exactly once when
the handler's writes and the checkpoint commit together:

* :class:`SQLiteCheckpointStore` keeps checkpoints in the event store's own file and gives
  the handler the connection of the transaction that also saves the checkpoint, so a crash
  (exception, SIGKILL) rolls back both; a page of events is one transaction. The
  checkpoint is read *inside* that transaction, which holds the file's write lock from its
  start (``BEGIN IMMEDIATE``), and it is saved with a compare-and-set that only moves it
  forward: so any number of runners of the same subscription, in any number of processes,
  take turns page by page and never apply an event twice (the competing consumers of
  KurrentDB's persistent subscriptions, made safe by the lock instead of a lease).
* Built on a :class:`SQLiteEventStore` (``SQLiteCheckpointStore(store)``) it shares the
  store's connection, so a handler may append to the store: the appends join the
  subscription's transaction (as a savepoint) and commit, or roll back, with the checkpoint.
  Built on a path, it has a connection of its own, and a handler that appends through the
  store would wait for its own lock: :class:`~week4.event_sourcing.StoreBusyError`.
* :class:`InMemoryCheckpointStore` cannot roll a handler back, so the subscription commits
  after every event: the handler must be atomic per event (raise before changing
  anything) or idempotent by ``event.position``.

This is the ``eventsourcing`` library's ``ProcessRecorder`` idea (tracking record written
with the new state in one transaction) and the "transactional outbox/inbox" of
Chris Richardson's *Microservices Patterns*.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from week4.event_sourcing.store.checks import check_start, check_stream
from week4.event_sourcing.store.errors import CheckpointError, InvalidEventError
from week4.event_sourcing.store.protocol import EventStore
from week4.event_sourcing.store.records import RecordedEvent
from week4.event_sourcing.store.sqlite_schema import connect
from week4.event_sourcing.store.sqlite_store import SQLiteEventStore

if TYPE_CHECKING:
    import sqlite3

Tx = TypeVar("Tx")
_CREATE = (
    "CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)"
)
# Compare-and-set: insert the first checkpoint, or move an existing one forward only.
_SAVE = (
    "INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
    " SET position = excluded.position WHERE excluded.position > checkpoints.position"
)


class CheckpointStore(Protocol[Tx]):
    """Where a subscription remembers the last position it handled."""

    transactional: bool
    """True when :meth:`transaction` rolls back the handler's writes with the checkpoint."""

    def load(self, name: str) -> int:
        """The last position handled by ``name`` (0: none yet)."""
        ...

    def transaction(self) -> AbstractContextManager[Tx]:
        """A unit of work: the handler's writes and the checkpoint commit together."""
        ...

    def save(self, tx: Tx, name: str, position: int) -> None:
        """Record, inside ``tx``, that ``name`` handled everything up to ``position``.

        A checkpoint only moves forward: saving a position at or behind the current one
        raises :class:`~week4.event_sourcing.CheckpointError` (and rolls ``tx`` back).
        """
        ...


class InMemoryCheckpointStore:
    """Checkpoints in a dict; a transaction is a lock (the handler gets ``None``).

    The lock makes runners in several threads take turns, as the SQLite write lock does
    for processes; it cannot roll a handler's writes back.
    """

    transactional = False

    def __init__(self) -> None:
        self.positions: dict[str, int] = {}
        self._lock = threading.RLock()

    def load(self, name: str) -> int:
        """The last position handled by ``name`` (0: none yet)."""
        return self.positions.get(name, 0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock: one runner at a time reads, handles and saves."""
        with self._lock:
            yield None

    def save(self, tx: None, name: str, position: int) -> None:
        """Move ``name`` forward to ``position`` (``tx`` is always None here)."""
        del tx
        current = self.positions.get(name, 0)
        if position <= current:
            raise CheckpointError(name, current, position)
        self.positions[name] = position


class SQLiteCheckpointStore:
    """Checkpoints in the ``checkpoints`` table of an SQLite event store file.

    Args:
        path: The event store's file (projections may keep their tables there too), or the
            :class:`SQLiteEventStore` itself, whose connection is then shared: a handler may
            append to the store inside the subscription's transaction.
        busy_timeout: Seconds to wait for the write lock (with a path).
    """

    transactional = True

    def __init__(
        self, path: str | os.PathLike[str] | SQLiteEventStore, busy_timeout: float = 5.0
    ) -> None:
        self._owned = not isinstance(path, SQLiteEventStore)
        if isinstance(path, SQLiteEventStore):
            self.connection: sqlite3.Connection = path.connection
            self._lock: threading.RLock = path.lock
        else:
            self.connection = connect(os.fspath(path), busy_timeout, "FULL")
            self._lock = threading.RLock()
        self.connection.execute(_CREATE)

    def load(self, name: str) -> int:
        """The last position handled by ``name`` (0: none yet)."""
        row = self.connection.execute(
            "SELECT position FROM checkpoints WHERE name = ?", (name,)
        ).fetchone()
        return int(row[0]) if row is not None else 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` if anything raises."""
        with self._lock:
            conn = self.connection
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    def save(self, tx: sqlite3.Connection, name: str, position: int) -> None:
        """Move ``name`` forward to ``position`` in the same transaction as the handler's writes.

        Raises:
            CheckpointError: The checkpoint is already at or past ``position`` (another
                runner got there first): nothing of ``tx`` should commit.
        """
        if tx.execute(_SAVE, (name, position)).rowcount != 1:
            raise CheckpointError(name, self.load(name), position)

    def close(self) -> None:
        """Close the connection (not a store's: the store closes its own)."""
        if self._owned:
            self.connection.close()


class CatchUpSubscription(Generic[Tx]):
    """Hands every event after the checkpoint to ``handler``, in global order.

    Args:
        store: The event store to read.
        name: The subscription's name (its checkpoint's key).
        handler: Called as ``handler(event, tx)`` with the checkpoint store's transaction.
        checkpoints: Where the checkpoint is kept.
        batch_size: Events per transaction (1 when the store is not transactional).
        event_types: Only these types reach the handler (None: all); the checkpoint still
            moves past the others.
    """

    def __init__(
        self,
        store: EventStore,
        name: str,
        handler: Callable[[RecordedEvent, Tx], None],
        checkpoints: CheckpointStore[Tx],
        *,
        batch_size: int = 100,
        event_types: Collection[str] | None = None,
    ) -> None:
        self.store = store
        self.name = check_stream(name)
        self.handler = handler
        self.checkpoints = checkpoints
        size = check_start("batch_size", batch_size)
        self.batch_size = size if checkpoints.transactional else 1
        self.event_types = frozenset(event_types) if event_types is not None else None

    @property
    def position(self) -> int:
        """The last position handled."""
        return self.checkpoints.load(self.name)

    def run(self, max_events: int | None = None) -> int:
        """Handle events until caught up (or ``max_events`` were read).

        Returns:
            How many events were read past the checkpoint (filtered ones included).

        Raises:
            Exception: Whatever the handler raised; the current batch is not checkpointed,
                so a new run resumes at its first event.
        """
        if max_events is not None and (isinstance(max_events, bool) or max_events < 0):
            raise InvalidEventError(f"max_events must be None or >= 0, got {max_events!r}")
        done = 0
        while max_events is None or done < max_events:
            size = (
                self.batch_size if max_events is None else min(self.batch_size, max_events - done)
            )
            read = self._handle_page(size)
            if not read:
                break
            done += read
        return done

    def _handle_page(self, size: int) -> int:
        """One transaction: read the checkpoint, handle the page after it, move it on.

        The checkpoint is read inside the transaction, so a competing runner that committed
        the same page first is seen here, and its events are not handled again.
        """
        wanted = self.event_types
        with self.checkpoints.transaction() as tx:
            start = self.checkpoints.load(self.name) + 1
            page = list(self.store.read_all(start, limit=size))
            for event in page:
                if wanted is None or event.type in wanted:
                    self.handler(event, tx)
            if page:
                self.checkpoints.save(tx, self.name, page[-1].position)
        return len(page)
