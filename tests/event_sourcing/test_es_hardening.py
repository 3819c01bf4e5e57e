"""The store and its subscriptions under competition, hostile values and failing storage.

Each test here failed before its fix (issue 10): competing runners applied events twice and
moved the checkpoint backwards; the SQLite backend raised outside the ``EventStoreError``
family (or accepted what it then lost) where the in-memory one behaved otherwise.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from es_workers import compete_for_subscription

import week4
from week4.event_sourcing import (
    CatchUpSubscription,
    CheckpointError,
    CorruptEventError,
    InMemoryCheckpointStore,
    InMemoryEventStore,
    InvalidEventError,
    NewEvent,
    NotAnEventStoreError,
    SQLiteCheckpointStore,
    SQLiteEventStore,
    StorageError,
    StoreClosedError,
)

CONTEXT = multiprocessing.get_context("spawn")
DEPOSIT = NewEvent("Deposited", {"amount": 1})


def fill(store: object, events: int) -> None:
    store.append("account", [DEPOSIT] * events)  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("runners", [2, 3])
def test_competing_runners_in_several_processes_apply_every_event_exactly_once(
    tmp_path: Path, runners: int
) -> None:
    path = tmp_path / "events.db"
    with SQLiteEventStore(path) as store:
        fill(store, 1500)
        conn = store.connection
        conn.execute("CREATE TABLE effects (position INTEGER NOT NULL, runner INTEGER NOT NULL)")
        conn.execute("CREATE TABLE moves (old INTEGER, new INTEGER)")
        SQLiteCheckpointStore(store)  # creates the checkpoints table before the trigger
        conn.execute(
            "CREATE TRIGGER track AFTER UPDATE ON checkpoints BEGIN "
            "INSERT INTO moves VALUES (old.position, new.position); END"
        )
    start = CONTEXT.Barrier(runners)
    processes = [
        CONTEXT.Process(target=compete_for_subscription, args=(path, r, start))
        for r in range(runners)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    with sqlite3.connect(path) as conn:
        positions = [p for (p,) in conn.execute("SELECT position FROM effects ORDER BY position")]
        backwards = conn.execute("SELECT count(*) FROM moves WHERE new <= old").fetchone()[0]
        workers = conn.execute("SELECT count(DISTINCT runner) FROM effects").fetchone()[0]
        final = conn.execute("SELECT position FROM checkpoints").fetchone()[0]
    assert positions == list(range(1, 1501))
    assert (backwards, final) == (0, 1500)
    assert workers >= 1  # who did the work is up to the lock; that nobody repeated it is not


def test_a_runner_that_starts_while_another_holds_a_page_skips_that_page(tmp_path: Path) -> None:
    """The race the fix closes, made to happen: B starts while A is inside its transaction.

    Before the fix both read the checkpoint (0) outside the transaction and both handled
    event 1; now B's transaction waits for A's to commit and reads A's checkpoint.
    """
    path = tmp_path / "events.db"
    with SQLiteEventStore(path) as store:
        fill(store, 2)
    handled: list[tuple[str, int]] = []
    inside, b_started = threading.Event(), threading.Event()

    def runner(name: str) -> None:
        checkpoints = SQLiteCheckpointStore(path, busy_timeout=30)
        with SQLiteEventStore(path, busy_timeout=30) as store:

            def handle(event: object, tx: object) -> None:
                handled.append((name, event.position))  # type: ignore[attr-defined]
                if name == "A":
                    inside.set()
                    assert b_started.wait(timeout=30)

            CatchUpSubscription(store, "p", handle, checkpoints, batch_size=1).run(max_events=1)
        checkpoints.close()

    a = threading.Thread(target=runner, args=("A",))
    a.start()
    assert inside.wait(timeout=30)
    b = threading.Thread(target=lambda: (b_started.set(), runner("B")))
    b.start()
    a.join(timeout=60)
    b.join(timeout=60)
    assert handled == [("A", 1), ("B", 2)]


def test_competing_runners_in_threads_apply_every_event_exactly_once() -> None:
    store = InMemoryEventStore()
    fill(store, 400)
    checkpoints = InMemoryCheckpointStore()
    seen: list[int] = []
    start = threading.Barrier(4)

    def runner() -> None:
        subscription = CatchUpSubscription(
            store, "p", lambda e, tx: seen.append(e.position), checkpoints
        )
        start.wait(timeout=10)
        subscription.run()

    threads = [threading.Thread(target=runner) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(seen) == list(range(1, 401))


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_checkpoint_never_moves_backwards(tmp_path: Path, backend: str) -> None:
    if backend == "memory":
        checkpoints: object = InMemoryCheckpointStore()
    else:
        checkpoints = SQLiteCheckpointStore(tmp_path / "events.db")
    with checkpoints.transaction() as tx:  # type: ignore[attr-defined]
        checkpoints.save(tx, "p", 10)  # type: ignore[attr-defined]
    with pytest.raises(CheckpointError, match="only moves forward"):  # noqa: SIM117
        with checkpoints.transaction() as tx:  # type: ignore[attr-defined]
            checkpoints.save(tx, "p", 7)  # type: ignore[attr-defined]
    assert checkpoints.load("p") == 10  # type: ignore[attr-defined]


def test_a_handler_appends_to_the_same_store_inside_the_subscription_transaction(
    tmp_path: Path,
) -> None:
    with SQLiteEventStore(tmp_path / "events.db", busy_timeout=0.2) as store:
        fill(store, 3)
        checkpoints = SQLiteCheckpointStore(store)

        def notify(event: object, tx: object) -> None:
            position = event.position  # type: ignore[attr-defined]
            if event.type == "Deposited":  # type: ignore[attr-defined]
                store.append("notices", [NewEvent("Noticed", {"of": position})])

        subscription = CatchUpSubscription(
            store, "notifier", notify, checkpoints, event_types={"Deposited"}
        )
        assert subscription.run() == 6
        assert [e.data["of"] for e in store.read_stream("notices")] == [1, 2, 3]

        def crash(event: object, tx: object) -> None:
            store.append("notices", [NewEvent("Noticed", {"of": 0})])
            raise RuntimeError("crashed after appending")

        fill(store, 1)
        with pytest.raises(RuntimeError):
            CatchUpSubscription(
                store, "notifier", crash, checkpoints, event_types={"Deposited"}
            ).run()
        assert store.stream_version("notices") == 3  # the append rolled back with the batch
        assert checkpoints.load("notifier") == 6


@pytest.fixture(params=["memory", "sqlite"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    store = (
        InMemoryEventStore() if request.param == "memory" else SQLiteEventStore(tmp_path / "e.db")
    )
    yield store
    store.close()


@pytest.mark.parametrize(
    "event",
    [
        NewEvent("Bad\ud800", {}),
        NewEvent("Deposited", {"note": "\udfff"}),
        NewEvent("Deposited", {}, {"by": "\ud800"}),
        NewEvent("Deposited", {1: "int", "1": "str"}),
        NewEvent("Deposited", {"nested": [{2: "x"}]}),
        NewEvent("Deposited", {}, ["not", "a", "dict"]),  # type: ignore[arg-type]
        NewEvent("Deposited", {}, "a string"),  # type: ignore[arg-type]
    ],
)
def test_both_backends_refuse_what_json_or_sqlite_would_change_or_lose(any_store, event) -> None:
    with pytest.raises(InvalidEventError):
        any_store.append("s", [event])
    assert any_store.last_position() == 0


def test_both_backends_refuse_a_stream_name_that_is_not_valid_unicode(any_store) -> None:
    with pytest.raises(InvalidEventError, match="lone surrogate"):
        any_store.append("account-\ud800", [DEPOSIT])


@pytest.mark.parametrize("start", [2**63 - 1, 2**63, 2**80])
def test_reading_past_the_largest_position_returns_nothing_on_both_backends(any_store, start):
    fill(any_store, 2)
    assert list(any_store.read_all(start)) == []
    assert list(any_store.read_stream("account", start)) == []


def test_an_iterator_stops_when_its_store_is_closed_on_both_backends(any_store) -> None:
    fill(any_store, 5)
    events = any_store.read_all()
    assert next(events).position == 1
    any_store.close()
    with pytest.raises(StoreClosedError):
        list(events)


def test_a_full_disk_is_a_storage_error_and_a_retry_after_space_is_freed_works(
    tmp_path: Path,
) -> None:
    with SQLiteEventStore(tmp_path / "events.db") as store:
        fill(store, 10)
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages}")
        big = [NewEvent("Blob", {"x": "y" * 5000})] * 20
        with pytest.raises(StorageError, match="full"):
            store.append("blobs", big)
        assert store.last_position() == 10
        store.connection.execute("PRAGMA max_page_count = 1073741823")
        assert store.append("blobs", big) == 20
        assert store.last_position() == 30


def test_a_tampered_row_is_a_corrupt_event_error_naming_its_position(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteEventStore(path) as store:
        fill(store, 3)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET data = '{not json' WHERE position = 2")
    with SQLiteEventStore(path) as store, pytest.raises(CorruptEventError, match="position 2"):
        list(store.read_all())


def test_an_events_table_of_another_shape_is_not_an_event_store(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    SQLiteEventStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE events DROP COLUMN metadata")
    with pytest.raises(NotAnEventStoreError, match="another shape"):
        SQLiteEventStore(path)


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), -1.0])
def test_busy_timeout_must_be_a_finite_number_of_seconds(tmp_path: Path, timeout: float) -> None:
    with pytest.raises(InvalidEventError, match="busy_timeout"):
        SQLiteEventStore(tmp_path / "e.db", busy_timeout=timeout)


@pytest.mark.parametrize("path", ["", ":memory:"])
def test_a_store_that_would_lose_its_events_on_close_is_refused(path: str) -> None:
    with pytest.raises(InvalidEventError, match="must name a file"):
        SQLiteEventStore(path)


READ_ONLY_CHILD = """
import os, sqlite3, sys, urllib.parse
from week4.event_sourcing import SQLiteEventStore, NewEvent, ReadOnlyStoreError
if os.geteuid() == 0:  # root writes anything: drop to nobody (imports done while root)
    os.setgid(65534); os.setuid(65534)
with SQLiteEventStore(sys.argv[1]) as store:
    print(len(list(store.read_all())))
    try:
        store.append("s", [NewEvent("E", {})])
    except ReadOnlyStoreError as error:
        print("refused:", error)
"""


def test_a_read_only_store_file_can_be_read_and_refuses_appends() -> None:
    # Not under tmp_path: pytest's base folder is private to its user, and the child may
    # run as another one.
    with tempfile.TemporaryDirectory() as base:
        check_read_only(Path(base))


def check_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "events.db"
    with SQLiteEventStore(path) as store:
        fill(store, 4)
    for item in [folder, *folder.iterdir()]:
        item.chmod(0o555 if item.is_dir() else 0o444)
    os.chmod(tmp_path, 0o755)
    source = str(Path(week4.__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", READ_ONLY_CHILD, str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": source},
    )
    folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "4"
    assert lines[1].startswith("refused:")
    assert "read-only" in lines[1]
