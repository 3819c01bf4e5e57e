"""Real processes: competing projection runners apply every event once; a writer killed with
SIGKILL mid-command leaves the events and its inline read models in step; an outbox writer
killed at random loses no update."""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from cqrs_workers import SQLiteBroker, outbox_forever, run_projections, write_forever

from week4.cqrs import (
    CommandRejectedError,
    Deposit,
    InMemoryAccountList,
    InMemoryMovements,
    LargestMovements,
    ListAccounts,
    OpenAccount,
    Withdraw,
    live_view,
)
from week4.cqrs.app import sqlite_bank
from week4.cqrs.outbox import BalanceConsumer, OutboxService, Relay, SQLiteStateStore

CONTEXT = multiprocessing.get_context("spawn")


def collect(done: multiprocessing.Queue[int], processes: list[Any]) -> int:
    """The next runner's report; fails fast when a runner died instead of reporting."""
    for _ in range(600):
        try:
            return done.get(timeout=0.1)
        except queue.Empty:
            dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            assert not dead, f"a projection runner died: exit codes {dead}"
    raise AssertionError("the runners did not finish within 60 s")


@pytest.mark.slow
def test_three_processes_projecting_the_same_file_apply_each_event_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bank.db"
    bank = sqlite_bank(path, synchronous="NORMAL")  # both read models async
    rng = random.Random(4)
    for a in range(5):
        bank.bus.handle(OpenAccount(f"open-{a}", f"acc-{a}", f"owner-{a}"))
    commands = 400
    target = 5 + commands
    workers = 3
    start = CONTEXT.Barrier(workers + 1)
    done: multiprocessing.Queue[int] = CONTEXT.Queue()
    processes = [
        CONTEXT.Process(target=run_projections, args=(path, target, 3, start, done))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    start.wait(timeout=60)
    written = 5
    while written < target:  # keep writing while the runners compete
        account = f"acc-{rng.randrange(5)}"
        kind = Deposit if rng.random() < 0.8 else Withdraw
        try:
            bank.bus.handle(kind(f"c-{written}", account, rng.randint(1, 50) * 100))
        except CommandRejectedError:
            bank.bus.handle(Deposit(f"c-{written}", account, 100))
        written += 1
    reads = [collect(done, processes) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    # The subscription reads its checkpoint inside the transaction that holds the write lock,
    # so competing runners take turns: each event is read once per read model, in all.
    assert sum(reads) == 2 * target
    assert bank.accounts.position == bank.movements.position == target
    expected_accounts = live_view(bank.store, InMemoryAccountList).ask(ListAccounts())
    expected_movements = live_view(bank.store, InMemoryMovements).ask(LargestMovements(10_000))
    assert bank.accounts.ask(ListAccounts()) == expected_accounts
    assert bank.movements.ask(LargestMovements(10_000)) == expected_movements
    bank.close()


@pytest.mark.slow
def test_a_writer_killed_mid_command_leaves_events_and_inline_models_in_step(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bank.db"
    bank = sqlite_bank(path, inline=["account_list", "movements"], synchronous="NORMAL")
    for a in range(3):
        bank.bus.handle(OpenAccount(f"open-{a}", f"acc-{a}", f"owner-{a}"))
    rng = random.Random(11)
    for worker in range(5):
        progress = CONTEXT.Value("i", 0)
        process = CONTEXT.Process(target=write_forever, args=(path, worker, progress))
        process.start()
        wanted = rng.randint(5, 60)
        for _ in range(20_000):
            if progress.value >= wanted or not process.is_alive():
                break
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        process.join(timeout=10)
        assert process.exitcode == -signal.SIGKILL
    events = list(bank.store.read_all())
    assert len(events) > 3 + 5 * 5
    assert bank.accounts.position == bank.movements.position == events[-1].position
    assert bank.accounts.ask(ListAccounts()) == live_view(bank.store, InMemoryAccountList).ask(
        ListAccounts()
    )
    assert bank.movements.ask(LargestMovements(10_000)) == live_view(
        bank.store, InMemoryMovements
    ).ask(LargestMovements(10_000))
    ids = [e.metadata["command_id"] for e in events]
    assert len(set(ids)) == len(ids)  # no command applied twice
    (handled,) = bank.reads.connection.execute(  # type: ignore[attr-defined]
        "SELECT count(*) FROM processed_commands"
    ).fetchone()
    assert handled == len(events)  # every event's command id was remembered with it
    bank.close()


@pytest.mark.slow
def test_an_outbox_writer_killed_at_random_loses_no_update(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "state.db")
    broker = SQLiteBroker(tmp_path / "broker.db")
    service = OutboxService(store)
    for a in range(3):
        service.handle(OpenAccount(f"open-{a}", f"acc-{a}", f"owner-{a}"))
    rng = random.Random(5)
    for worker in range(5):
        progress = CONTEXT.Value("i", 0)
        process = CONTEXT.Process(target=outbox_forever, args=(tmp_path, worker, progress))
        process.start()
        wanted = rng.randint(5, 60)
        for _ in range(20_000):
            if progress.value >= wanted or not process.is_alive():
                break
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        process.join(timeout=10)
        assert process.exitcode == -signal.SIGKILL
    Relay(store, broker).drain()  # type: ignore[arg-type]
    consumer = BalanceConsumer()
    consumer.consume(broker)  # type: ignore[arg-type]
    handled = store.handled_commands()
    assert len(handled) > 3 + 5 * 5
    assert handled <= consumer.applied.keys()  # every committed change reached the read side
    assert set(consumer.applied.values()) == {1}
    assert consumer.states == store.accounts()
    store.close()
