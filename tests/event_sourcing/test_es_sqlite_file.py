"""What only the SQLite store does: files, durability settings, locks, wrong files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from week4.event_sourcing import (
    InvalidEventError,
    NewEvent,
    NotAnEventStoreError,
    SQLiteEventStore,
    StoreBusyError,
)


def events(n: int) -> list[NewEvent]:
    return [NewEvent("Deposited", {"amount": i}) for i in range(n)]


def test_a_reopened_store_keeps_its_events_and_versions(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteEventStore(path) as store:
        store.append("a", events(2), expected_version=0)
    with SQLiteEventStore(str(path)) as store:
        assert store.append("a", events(1), expected_version=2) == 3
        assert [e.position for e in store.read_all()] == [1, 2, 3]


def test_the_store_uses_wal_and_the_chosen_synchronous_level(tmp_path: Path) -> None:
    for level, code in (("FULL", 2), ("NORMAL", 1)):
        with SQLiteEventStore(tmp_path / "e.db", synchronous=level) as store:
            conn = store._conn
            assert conn is not None
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == code


@pytest.mark.parametrize(
    "kwargs",
    [{"synchronous": "OFF"}, {"busy_timeout": -1}, {"busy_timeout": "5"}, {"page_size": 0}],
)
def test_bad_settings_are_refused(tmp_path: Path, kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidEventError):
        SQLiteEventStore(tmp_path / "e.db", **kwargs)  # type: ignore[arg-type]


def test_reads_cross_page_boundaries_without_loss(tmp_path: Path) -> None:
    with SQLiteEventStore(tmp_path / "e.db", page_size=3) as store:
        store.append("a", events(10))
        store.append("b", events(2))
        assert [e.version for e in store.read_stream("a")] == list(range(1, 11))
        assert [e.version for e in store.read_stream("a", from_version=2, limit=7)] == list(
            range(2, 9)
        )
        assert [e.position for e in store.read_all(from_position=2)] == list(range(2, 13))


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just notes\n" * 50)
    before = path.read_bytes()
    with pytest.raises(NotAnEventStoreError, match="not an SQLite database") as caught:
        SQLiteEventStore(path)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_sqlite_file_with_other_tables_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAnEventStoreError, match=r"not an event store \(tables: orders\)"):
        SQLiteEventStore(path)
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_an_unopenable_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotAnEventStoreError, match="cannot open event store"):
        SQLiteEventStore(tmp_path / "missing-dir" / "e.db")
    with pytest.raises(NotAnEventStoreError):
        SQLiteEventStore(tmp_path)


def test_a_store_shares_its_file_with_projection_tables(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    with SQLiteEventStore(path) as store:
        store.append("a", events(1))
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE balances (account TEXT PRIMARY KEY, cents INTEGER)")
    conn.commit()
    conn.close()
    with SQLiteEventStore(path) as store:
        assert store.stream_version("a") == 1


def test_a_held_write_lock_gives_store_busy_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    with SQLiteEventStore(path, busy_timeout=0.05) as store:
        store.append("a", events(1))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError, match=r"stayed locked for 0\.05s") as caught:
            store.append("a", events(1))
        assert "\n" not in str(caught.value)
        assert [e.version for e in store.read_stream("a")] == [1]  # readers are not blocked
        other.execute("ROLLBACK")
        other.close()
        assert store.append("a", events(1), expected_version=1) == 2


def test_a_second_store_on_the_same_file_sees_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    with SQLiteEventStore(path) as writer, SQLiteEventStore(path) as reader:
        writer.append("a", events(3))
        assert reader.stream_version("a") == 3
        reader.append("a", events(1), expected_version=3)
        assert writer.last_position() == 4
