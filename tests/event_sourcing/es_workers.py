"""Code run in child processes by the reliability tests (importable under "spawn")."""

from __future__ import annotations

import random
import uuid
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Barrier
from pathlib import Path

from week4.event_sourcing import ConcurrencyError, NewEvent, SQLiteEventStore


def append_with_retries(
    path: Path, worker: int, appends: int, start: Barrier, results: Queue[object]
) -> None:
    """Append ``appends`` events one by one with the expected version, retrying conflicts."""
    versions: list[int] = []
    conflicts = 0
    with SQLiteEventStore(path, synchronous="NORMAL", busy_timeout=30) as store:
        start.wait(timeout=60)  # all workers begin together, so they do collide
        for seq in range(appends):
            event = NewEvent("Appended", {"worker": worker, "seq": seq})
            while True:
                expected = store.stream_version("shared")
                try:
                    versions.append(store.append("shared", [event], expected_version=expected))
                    break
                except ConcurrencyError as error:
                    if error.expected != expected or error.actual <= expected:
                        raise AssertionError(f"inconsistent conflict: {error}") from error
                    conflicts += 1
    results.put((worker, versions, conflicts))


def append_batches_forever(
    path: Path, seed: int, synchronous: str, in_tx: Synchronized[int]
) -> None:
    """Append random-size batches until killed; each event names its batch and its size.

    ``in_tx`` is 1 from the moment the store reads its clock (inside the transaction,
    before the insert) until the append returns, so the test knows where the kill landed.
    """
    rng = random.Random(seed)

    def clock() -> float:
        in_tx.value = 1
        return 0.0

    with SQLiteEventStore(path, synchronous=synchronous, clock=clock) as store:
        while True:
            size = rng.randint(1, 400)
            batch = uuid.UUID(int=rng.getrandbits(128)).hex
            stream = f"stream-{rng.randint(1, 3)}"
            store.append(
                stream,
                [NewEvent("Chunk", {"batch": batch, "size": size, "i": i}) for i in range(size)],
            )
            in_tx.value = 0


def consume_into_projection(path: Path, batch_size: int) -> None:
    """Run a catch-up subscription that keeps balances in the store's file, until caught up."""
    from week4.event_sourcing.subscriptions.catch_up import (
        CatchUpSubscription,
        SQLiteCheckpointStore,
    )

    checkpoints = SQLiteCheckpointStore(path)
    checkpoints.connection.execute(PROJECTION_SCHEMA_APPLIED)
    checkpoints.connection.execute(PROJECTION_SCHEMA_BALANCES)
    with SQLiteEventStore(path) as store:
        CatchUpSubscription(
            store, "balances", project_balance, checkpoints, batch_size=batch_size
        ).run()
    checkpoints.close()


PROJECTION_SCHEMA_APPLIED = "CREATE TABLE IF NOT EXISTS applied (position INTEGER PRIMARY KEY)"
PROJECTION_SCHEMA_BALANCES = (
    "CREATE TABLE IF NOT EXISTS balances (account TEXT PRIMARY KEY, cents INTEGER NOT NULL)"
)


def project_balance(event: object, tx: object) -> None:
    """Add a deposit to its account's balance; a re-applied position fails loudly."""
    tx.execute("INSERT INTO applied (position) VALUES (?)", (event.position,))  # type: ignore[attr-defined]
    tx.execute(  # type: ignore[attr-defined]
        "INSERT INTO balances VALUES (?, ?) ON CONFLICT (account) DO UPDATE"
        " SET cents = cents + excluded.cents",
        (event.stream, event.data["amount_cents"]),  # type: ignore[attr-defined]
    )


def compete_for_subscription(path: Path, runner: int, start: Barrier) -> None:
    """One of several runners of the same subscription, each handling one event a batch.

    The handler records its effect in ``effects`` (no unique key: a duplicate is counted,
    not refused), so the test sees every event a runner applied twice.
    """
    from week4.event_sourcing import CatchUpSubscription, SQLiteCheckpointStore

    checkpoints = SQLiteCheckpointStore(path, busy_timeout=60)

    def handle(event: object, tx: object) -> None:
        tx.execute(  # type: ignore[attr-defined]
            "INSERT INTO effects (position, runner) VALUES (?, ?)",
            (event.position, runner),  # type: ignore[attr-defined]
        )

    with SQLiteEventStore(path, busy_timeout=60) as store:
        start.wait(timeout=60)
        CatchUpSubscription(store, "projection", handle, checkpoints, batch_size=1).run()
    checkpoints.close()
