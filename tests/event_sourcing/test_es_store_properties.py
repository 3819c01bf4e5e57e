"""Property tests: random appends with random expected versions, on both backends.

Whatever the sequence, each stream holds exactly the batches that were accepted, in order,
with versions 1..n and no gaps, and global positions are 1..N in append order.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from week4.event_sourcing import (
    ConcurrencyError,
    InMemoryEventStore,
    NewEvent,
    SQLiteEventStore,
)
from week4.event_sourcing.store.protocol import EventStore

STREAMS = ("a", "b", "c")
appends = st.lists(
    st.tuples(
        st.sampled_from(STREAMS),
        st.integers(min_value=0, max_value=3),  # batch size
        st.sampled_from(["any", "right", "stale", "ahead", "new"]),
    ),
    max_size=25,
)


def expected_for(choice: str, actual: int) -> int | None:
    return {
        "any": None,
        "right": actual,
        "stale": max(actual - 1, 0) if actual else 1,
        "ahead": actual + 2,
        "new": 0,
    }[choice]


def run_model_check(store: EventStore, operations: list[tuple[str, int, str]]) -> None:
    model: dict[str, list[int]] = {s: [] for s in STREAMS}  # payload ids per stream
    log: list[tuple[str, int]] = []
    ids = itertools.count()
    for stream, size, choice in operations:
        actual = len(model[stream])
        expected = expected_for(choice, actual)
        batch = [next(ids) for _ in range(size)]
        events = [NewEvent("Happened", {"id": i}) for i in batch]
        if expected is None or expected == actual:
            assert store.append(stream, events, expected) == actual + size
            model[stream].extend(batch)
            log.extend((stream, i) for i in batch)
        else:
            with pytest.raises(ConcurrencyError) as caught:
                store.append(stream, events, expected)
            assert (caught.value.expected, caught.value.actual) == (expected, actual)
    for stream in STREAMS:
        read = list(store.read_stream(stream))
        assert [e.version for e in read] == list(range(1, len(model[stream]) + 1))
        assert [e.data["id"] for e in read] == model[stream]
        assert store.stream_version(stream) == len(model[stream])
    everything = list(store.read_all())
    assert [e.position for e in everything] == list(range(1, len(log) + 1))
    assert [(e.stream, e.data["id"]) for e in everything] == log


@given(appends)
def test_random_appends_keep_memory_streams_gapless_and_exact(
    operations: list[tuple[str, int, str]],
) -> None:
    run_model_check(InMemoryEventStore(), operations)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=appends)
def test_random_appends_keep_sqlite_streams_gapless_and_exact(
    tmp_path: Path, operations: list[tuple[str, int, str]]
) -> None:
    path = tmp_path / "events.db"
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with SQLiteEventStore(path, synchronous="NORMAL") as store:
        run_model_check(store, operations)


@given(st.lists(st.integers(min_value=0, max_value=7), max_size=30), st.integers(1, 4))
def test_reads_in_pages_see_the_same_events_as_one_read(sizes: list[int], page: int) -> None:
    store = InMemoryEventStore()
    for size in sizes:
        store.append("s", [NewEvent("E", {"n": n}) for n in range(size)])
    whole = list(store.read_all())
    paged, position = [], 1
    while chunk := list(store.read_all(from_position=position, limit=page)):
        paged.extend(chunk)
        position = chunk[-1].position + 1
    assert paged == whole
