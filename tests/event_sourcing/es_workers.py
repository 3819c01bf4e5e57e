"""Code run in child processes by the reliability tests (importable under "spawn")."""

from __future__ import annotations

import random
import threading
import uuid
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier, Event
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


def append_batches_forever(  # noqa: PLR0917 (a Process target takes positional args)
    path: Path, seed: int, synchronous: str, target: int, reached: Event, inside: Event | None
) -> None:
    """Append random-size batches until killed; each event names its batch and its size.

    Once the store holds ``target`` events the writer sets ``reached``; given ``inside``, it
    then stops *inside* its next transaction (after the version check, before the insert
    commits), sets ``inside`` and waits there to be killed, so the test's kill lands
    mid-transaction by construction, whatever the machine's load.
    """
    rng = random.Random(seed)

    def clock() -> float:
        if inside is not None and reached.is_set():
            inside.set()
            threading.Event().wait()  # inside the transaction, until SIGKILL
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
            if store.last_position() >= target:
                reached.set()


def consume_into_projection(
    path: Path, batch_size: int, stop_at: int = 0, reached: Event | None = None
) -> None:
    """Run a catch-up subscription that keeps balances in the store's file, until caught up.

    With ``stop_at``, the handler sets ``reached`` when it meets that position and waits
    there, in the middle of its batch's transaction, to be killed.
    """
    from week4.event_sourcing.subscriptions.catch_up import (
        CatchUpSubscription,
        SQLiteCheckpointStore,
    )

    checkpoints = SQLiteCheckpointStore(path)
    checkpoints.connection.execute(PROJECTION_SCHEMA_APPLIED)
    checkpoints.connection.execute(PROJECTION_SCHEMA_BALANCES)

    def handle(event: object, tx: object) -> None:
        project_balance(event, tx)
        if stop_at and event.position == stop_at and reached is not None:  # type: ignore[attr-defined]
            reached.set()
            threading.Event().wait()  # mid-batch, until SIGKILL

    with SQLiteEventStore(path) as store:
        CatchUpSubscription(store, "balances", handle, checkpoints, batch_size=batch_size).run()
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
