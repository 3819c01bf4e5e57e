"""Code run in child processes by the CQRS multi-process tests (importable under "spawn")."""

from __future__ import annotations

import sqlite3
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Barrier
from pathlib import Path

from week4.cqrs import (
    AsyncProjection,
    Deposit,
    SQLiteAccountList,
    SQLiteMovements,
    SQLiteReadStore,
)
from week4.cqrs.app import sqlite_bank
from week4.cqrs.outbox import OutboxService, Relay, SQLiteStateStore
from week4.event_sourcing import SQLiteEventStore


def run_projections(path: Path, target: int, batch: int, start: Barrier, done: Queue[int]) -> None:
    """Project both read models in small batches until they reach ``target``."""
    store = SQLiteEventStore(path, busy_timeout=30)
    reads = SQLiteReadStore(path, busy_timeout=30)
    runners = [
        AsyncProjection(store, SQLiteAccountList(reads), batch_size=batch),
        AsyncProjection(store, SQLiteMovements(reads), batch_size=batch),
    ]
    start.wait(timeout=60)
    read = 0
    while min(r.position for r in runners) < target:
        for runner in runners:
            read += runner.project_available(limit=batch)
    done.put(read)
    reads.close()
    store.close()


def write_forever(path: Path, worker: int, progress: Synchronized[int]) -> None:
    """Deposit into three accounts with inline read models until killed."""
    bank = sqlite_bank(path, inline=["account_list", "movements"], synchronous="NORMAL")
    i = 0
    while True:
        bank.bus.handle(Deposit(f"w{worker}-{i}", f"acc-{i % 3}", 100 + i))
        i += 1
        progress.value = i


class SQLiteBroker:
    """A broker in its own SQLite file (another system than the state store)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"
        )

    def publish(self, message: str) -> None:
        self.connection.execute("INSERT INTO messages (body) VALUES (?)", (message,))

    @property
    def messages(self) -> list[str]:
        return [b for (b,) in self.connection.execute("SELECT body FROM messages ORDER BY id")]


def outbox_forever(folder: Path, worker: int, progress: Synchronized[int]) -> None:
    """Run deposits through the outbox and relay them, until killed."""
    store = SQLiteStateStore(folder / "state.db", busy_timeout=30)
    broker = SQLiteBroker(folder / "broker.db")
    service, relay = OutboxService(store), Relay(store, broker)  # type: ignore[arg-type]
    i = 0
    while True:
        service.handle(Deposit(f"w{worker}-{i}", f"acc-{i % 3}", 100 + i))
        relay.step(2)
        i += 1
        progress.value = i
