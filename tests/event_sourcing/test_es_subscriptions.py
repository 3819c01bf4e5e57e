"""Catch-up subscriptions: a consumer that crashes and restarts applies each event once."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
from pathlib import Path

import pytest
from es_workers import (
    PROJECTION_SCHEMA_APPLIED,
    PROJECTION_SCHEMA_BALANCES,
    consume_into_projection,
    project_balance,
)

from week4.event_sourcing import InMemoryEventStore, NewEvent, RecordedEvent, SQLiteEventStore
from week4.event_sourcing.store.errors import InvalidEventError
from week4.event_sourcing.store.protocol import EventStore
from week4.event_sourcing.subscriptions.catch_up import (
    CatchUpSubscription,
    InMemoryCheckpointStore,
    SQLiteCheckpointStore,
)


class CrashError(Exception):
    """What a consumer dies of in these tests."""


def fill(store: EventStore, events: int, accounts: int = 3) -> dict[str, int]:
    expected: dict[str, int] = {}
    for i in range(events):
        account = f"account-{i % accounts}"
        store.append(account, [NewEvent("Deposited", {"amount_cents": i + 1})])
        expected[account] = expected.get(account, 0) + i + 1
    return expected


def test_an_in_memory_consumer_that_crashes_resumes_without_gaps_or_duplicates() -> None:
    store, checkpoints = InMemoryEventStore(), InMemoryCheckpointStore()
    expected = fill(store, 50)
    balances: dict[str, int] = {}
    seen: list[int] = []
    crash_at = {17, 33}

    def handle(event: RecordedEvent, _: None) -> None:
        if event.position in crash_at:
            crash_at.discard(event.position)
            raise CrashError(f"crashed at {event.position}")  # before changing anything
        seen.append(event.position)
        balances[event.stream] = balances.get(event.stream, 0) + event.data["amount_cents"]

    for _ in range(2):
        with pytest.raises(CrashError):
            CatchUpSubscription(store, "balances", handle, checkpoints, batch_size=10).run()
    assert CatchUpSubscription(store, "balances", handle, checkpoints).run() == 50 - 32
    assert seen == list(range(1, 51))
    assert balances == expected
    assert checkpoints.load("balances") == 50


def test_an_sqlite_projection_and_its_checkpoint_commit_together(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    store = SQLiteEventStore(path)
    expected = fill(store, 95)
    crash_at = {37, 38, 90}

    def handle(event: RecordedEvent, tx: sqlite3.Connection) -> None:
        project_balance(event, tx)  # writes first, then dies: the rollback must undo it
        if event.position in crash_at:
            crash_at.discard(event.position)
            raise CrashError(f"crashed at {event.position}")

    for _ in range(3):
        checkpoints = SQLiteCheckpointStore(path)  # a restart: fresh connection
        checkpoints.connection.execute(PROJECTION_SCHEMA_APPLIED)
        checkpoints.connection.execute(PROJECTION_SCHEMA_BALANCES)
        with pytest.raises(CrashError):
            CatchUpSubscription(store, "balances", handle, checkpoints, batch_size=10).run()
        checkpoints.close()
    checkpoints = SQLiteCheckpointStore(path)
    CatchUpSubscription(store, "balances", handle, checkpoints, batch_size=10).run()
    applied = [p for (p,) in checkpoints.connection.execute("SELECT position FROM applied")]
    balances = dict(checkpoints.connection.execute("SELECT account, cents FROM balances"))
    assert applied == list(range(1, 96))
    assert balances == expected
    assert checkpoints.load("balances") == 95
    checkpoints.close()
    store.close()


def test_a_consumer_process_killed_mid_stream_applies_every_event_once(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteEventStore(path, synchronous="NORMAL") as store:
        expected = fill(store, 3000, accounts=7)
    context = multiprocessing.get_context("spawn")
    rng = random.Random(7)
    kills = 0
    for target in sorted(rng.sample(range(100, 2900), 5)):
        reached = context.Event()
        process = context.Process(
            target=consume_into_projection, args=(path, 25, target, reached), daemon=True
        )
        process.start()
        # The consumer waits, mid-batch, once it has applied ``target``: the kill lands there.
        assert reached.wait(timeout=300), f"the consumer never reached position {target}"
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        kills += 1
        process.join(timeout=60)
        assert process.exitcode == -signal.SIGKILL
    consume_into_projection(path, 25)  # the last restart finishes the stream
    conn = sqlite3.connect(path)
    applied = [p for (p,) in conn.execute("SELECT position FROM applied ORDER BY position")]
    assert applied == list(range(1, 3001))
    assert dict(conn.execute("SELECT account, cents FROM balances")) == expected
    conn.close()
    assert kills == 5


def test_a_subscription_can_skip_types_and_stop_after_max_events() -> None:
    store, checkpoints = InMemoryEventStore(), InMemoryCheckpointStore()
    store.append("a", [NewEvent("Deposited", {}), NewEvent("Noted", {}), NewEvent("Deposited", {})])
    seen: list[int] = []
    subscription = CatchUpSubscription(
        store, "s", lambda e, _: seen.append(e.position), checkpoints, event_types={"Deposited"}
    )
    assert subscription.run(max_events=2) == 2
    assert (seen, subscription.position) == ([1], 2)
    assert subscription.run() == 1
    assert (seen, subscription.position) == ([1, 3], 3)
    assert subscription.run() == 0


def test_subscriptions_keep_separate_checkpoints() -> None:
    store, checkpoints = InMemoryEventStore(), InMemoryCheckpointStore()
    fill(store, 5)
    first = CatchUpSubscription(store, "one", lambda e, _: None, checkpoints)
    first.run()
    second = CatchUpSubscription(store, "two", lambda e, _: None, checkpoints)
    assert (first.position, second.position) == (5, 0)


@pytest.mark.parametrize(("name", "kwargs"), [("", {}), ("s", {"batch_size": 0})])
def test_bad_subscription_arguments_are_refused(name: str, kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidEventError):
        CatchUpSubscription(
            InMemoryEventStore(), name, lambda e, _: None, InMemoryCheckpointStore(), **kwargs
        )
