"""Reliability with real processes: concurrent writers, and writers killed mid-batch."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from es_workers import append_batches_forever, append_with_retries

from week4.event_sourcing import SQLiteEventStore, StoreBusyError

CONTEXT = multiprocessing.get_context("spawn")


def test_eight_processes_appending_with_retries_lose_and_duplicate_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.db"
    SQLiteEventStore(path).close()
    workers, appends = 8, 300
    results: multiprocessing.Queue[object] = CONTEXT.Queue()
    start = CONTEXT.Barrier(workers)
    processes = [
        CONTEXT.Process(target=append_with_retries, args=(path, w, appends, start, results))
        for w in range(workers)
    ]
    for process in processes:
        process.start()
    reports = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=10)
        assert process.exitcode == 0
    returned_versions = sorted(v for _, versions, _ in reports for v in versions)  # type: ignore[misc]
    conflicts = sum(c for _, _, c in reports)  # type: ignore[misc]
    with SQLiteEventStore(path) as store:
        events = list(store.read_stream("shared"))
    total = workers * appends
    assert [e.version for e in events] == list(range(1, total + 1))
    assert returned_versions == list(range(1, total + 1))  # each success got its own version
    assert sorted((e.data["worker"], e.data["seq"]) for e in events) == [
        (w, s) for w in range(workers) for s in range(appends)
    ]
    assert [e.position for e in events] == list(range(1, total + 1))
    assert conflicts > 0, "the workers never collided: the test proves nothing"
    print(f"{total} appends, {conflicts} conflicts retried")


def test_writers_killed_mid_batch_leave_only_whole_batches(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    SQLiteEventStore(path).close()
    rng = random.Random(20240611)
    kills_inside_a_transaction = 0
    for kill in range(20):
        with SQLiteEventStore(path) as store:
            start = store.last_position()
        synchronous = "FULL" if kill % 2 else "NORMAL"
        pause = bool(kill % 4)  # three kills in four land inside a transaction, the others anywhere
        reached, inside = CONTEXT.Event(), CONTEXT.Event() if pause else None
        target = start + rng.randint(1, 2_000)
        process = CONTEXT.Process(
            target=append_batches_forever,
            args=(path, kill, synchronous, target, reached, inside),
            daemon=True,
        )
        process.start()
        assert reached.wait(timeout=300), f"writer {kill} never reached {target} events"
        if inside is not None:  # the writer holds the write lock: it is mid-transaction
            assert inside.wait(timeout=300)
            with pytest.raises(StoreBusyError):
                SQLiteEventStore(path, busy_timeout=0)
            kills_inside_a_transaction += 1
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        process.join(timeout=60)
        assert process.exitcode == -signal.SIGKILL
        with SQLiteEventStore(path) as store:  # opens cleanly after every kill
            assert store.last_position() >= start
    assert kills_inside_a_transaction == 15
    batches: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with SQLiteEventStore(path) as store:
        for event in store.read_all():
            batches[event.data["batch"]].append((event.position, event.data["i"]))
            size = event.data["size"]
            assert len(batches[event.data["batch"]]) <= size
        for name in ("stream-1", "stream-2", "stream-3"):
            versions = [e.version for e in store.read_stream(name)]
            assert versions == list(range(1, len(versions) + 1))
    sizes = {e: len(b) for e, b in batches.items()}
    with SQLiteEventStore(path) as store:
        expected = {e.data["batch"]: e.data["size"] for e in store.read_all()}
    assert sizes == expected, "a batch is partly present"
    for chunk in batches.values():  # each batch occupies consecutive positions, in order
        positions = [p for p, _ in chunk]
        assert positions == list(range(positions[0], positions[0] + len(chunk)))
        assert [i for _, i in chunk] == list(range(len(chunk)))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
