"""The event store contract, run against every backend (like eventsourcing's
``AggregateRecorderTestCase``): appends, versions, expected versions, reads, bad input."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable

import pytest

from week4.errors import Week4Error
from week4.event_sourcing import (
    ConcurrencyError,
    InvalidEventError,
    NewEvent,
    StoreClosedError,
)
from week4.event_sourcing.store.protocol import EventStore

StoreFactory = Callable[..., EventStore]


def deposits(*amounts: int) -> list[NewEvent]:
    return [NewEvent("Deposited", {"amount": a}) for a in amounts]


def test_a_new_stream_starts_at_version_one(store: EventStore) -> None:
    assert store.append("account-1", deposits(5), expected_version=0) == 1
    [event] = store.read_stream("account-1")
    assert (event.stream, event.version, event.position) == ("account-1", 1, 1)
    assert (event.type, event.data, event.metadata) == ("Deposited", {"amount": 5}, {})


def test_a_batch_gets_consecutive_versions_and_returns_the_last(store: EventStore) -> None:
    assert store.append("a", deposits(1, 2, 3), expected_version=0) == 3
    assert store.append("a", deposits(4, 5), expected_version=3) == 5
    assert [e.version for e in store.read_stream("a")] == [1, 2, 3, 4, 5]
    assert [e.data["amount"] for e in store.read_stream("a")] == [1, 2, 3, 4, 5]


def test_positions_are_global_unique_and_start_at_one(store: EventStore) -> None:
    store.append("a", deposits(1, 2))
    store.append("b", deposits(3))
    store.append("a", deposits(4))
    events = list(store.read_all())
    assert [e.position for e in events] == [1, 2, 3, 4]
    assert [(e.stream, e.version) for e in events] == [("a", 1), ("a", 2), ("b", 1), ("a", 3)]
    assert store.last_position() == 4


def test_expected_version_none_appends_at_any_version(store: EventStore) -> None:
    assert store.append("a", deposits(1)) == 1
    assert store.append("a", deposits(2), expected_version=None) == 2


def test_expected_version_zero_refuses_an_existing_stream(store: EventStore) -> None:
    store.append("a", deposits(1))
    with pytest.raises(ConcurrencyError) as caught:
        store.append("a", deposits(2), expected_version=0)
    assert (caught.value.stream, caught.value.expected, caught.value.actual) == ("a", 0, 1)
    assert store.stream_version("a") == 1


@pytest.mark.parametrize("expected", [1, 3, 7])
def test_a_stale_or_future_expected_version_writes_nothing(
    store: EventStore, expected: int
) -> None:
    store.append("a", deposits(1, 2))
    with pytest.raises(ConcurrencyError) as caught:
        store.append("a", deposits(3, 4), expected_version=expected)
    assert (caught.value.expected, caught.value.actual) == (expected, 2)
    assert "'a' is at version 2, expected" in str(caught.value)
    assert store.last_position() == 2


def test_a_concurrency_error_survives_pickling_between_processes() -> None:
    error = pickle.loads(pickle.dumps(ConcurrencyError("a", 1, 2)))
    assert (error.stream, error.expected, error.actual) == ("a", 1, 2)


def test_an_empty_batch_checks_the_version_and_writes_nothing(store: EventStore) -> None:
    assert store.append("a", [], expected_version=0) == 0
    store.append("a", deposits(1))
    assert store.append("a", [], expected_version=1) == 1
    with pytest.raises(ConcurrencyError):
        store.append("a", [], expected_version=0)
    assert store.last_position() == 1


def test_a_missing_stream_reads_as_empty_at_version_zero(store: EventStore) -> None:
    assert list(store.read_stream("nobody")) == []
    assert store.stream_version("nobody") == 0
    assert list(store.read_all()) == []
    assert store.last_position() == 0


def test_read_stream_starts_at_from_version_and_stops_at_limit(store: EventStore) -> None:
    store.append("a", deposits(*range(1, 11)))
    store.append("b", deposits(99))
    assert [e.version for e in store.read_stream("a", from_version=4)] == list(range(4, 11))
    assert [e.version for e in store.read_stream("a", from_version=4, limit=2)] == [4, 5]
    assert list(store.read_stream("a", from_version=11)) == []
    assert list(store.read_stream("a", limit=0)) == []


def test_read_all_starts_at_from_position_and_stops_at_limit(store: EventStore) -> None:
    store.append("a", deposits(1, 2, 3))
    store.append("b", deposits(4, 5))
    assert [e.position for e in store.read_all(from_position=3)] == [3, 4, 5]
    assert [e.data["amount"] for e in store.read_all(from_position=2, limit=2)] == [2, 3]
    assert list(store.read_all(from_position=6)) == []


def test_data_and_metadata_come_back_as_a_json_round_trip(store: EventStore) -> None:
    data = {"amount": 5, "tags": ("a", "b"), "note": "café ☕", "nested": {"x": [1.5, None, True]}}
    store.append("a", [NewEvent("Deposited", data, {"actor": "ada"}), NewEvent("Noted", "x")])
    first, second = store.read_stream("a")
    assert first.data == {
        "amount": 5,
        "tags": ["a", "b"],
        "note": "café ☕",
        "nested": {"x": [1.5, None, True]},
    }
    assert first.metadata == {"actor": "ada"}
    assert (second.data, second.metadata) == ("x", {})


def test_readers_get_copies_they_may_change_freely(store: EventStore) -> None:
    data = {"amount": 5}
    store.append("a", [NewEvent("Deposited", data)])
    data["amount"] = 6
    [event] = store.read_stream("a")
    event.data["amount"] = 7
    assert next(store.read_stream("a")).data == {"amount": 5}


def test_recorded_at_comes_from_the_injected_clock_once_per_batch(
    make_store: StoreFactory,
) -> None:
    ticks = iter([10.0, 20.5])
    store = make_store(clock=lambda: next(ticks))
    store.append("a", deposits(1, 2))
    store.append("b", deposits(3))
    assert [e.recorded_at for e in store.read_all()] == [10.0, 10.0, 20.5]


def test_the_default_clock_counts_appends(store: EventStore) -> None:
    store.append("a", deposits(1, 2))
    store.append("a", deposits(3))
    assert [e.recorded_at for e in store.read_all()] == [1, 1, 2]


BAD_APPENDS = {
    "empty stream name": ("", deposits(1), None),
    "blank stream name": ("  ", deposits(1), None),
    "stream name not a string": (42, deposits(1), None),
    "negative expected version": ("a", deposits(1), -1),
    "boolean expected version": ("a", deposits(1), True),
    "float expected version": ("a", deposits(1), 1.0),
    "an object in the data": ("a", [NewEvent("Deposited", {"amount": object()})], None),
    "a set in the data": ("a", [NewEvent("Deposited", {"ids": {1, 2}})], None),
    "NaN in the data": ("a", [NewEvent("Deposited", {"amount": math.nan})], None),
    "bytes in the metadata": ("a", [NewEvent("Deposited", {}, {"k": b"x"})], None),
    "a blank event type": ("a", [NewEvent(" ", {})], None),
    "an event type not a string": ("a", [NewEvent(3, {})], None),  # type: ignore[arg-type]
    "a single event, not a list": ("a", NewEvent("Deposited", {}), None),
    "a dict instead of a NewEvent": ("a", [{"type": "Deposited"}], None),
    "a bad event after good ones": ("a", [*deposits(1, 2), NewEvent("X", {1j: 2})], None),
}


@pytest.mark.parametrize("case", BAD_APPENDS, ids=list(BAD_APPENDS))
def test_bad_input_raises_a_one_line_error_and_writes_nothing(store: EventStore, case: str) -> None:
    store.append("a", deposits(1))
    stream, events, expected = BAD_APPENDS[case]
    with pytest.raises(InvalidEventError) as caught:
        store.append(stream, events, expected_version=expected)  # type: ignore[arg-type]
    assert isinstance(caught.value, Week4Error)
    assert "\n" not in str(caught.value)
    assert store.last_position() == 1
    assert store.stream_version("a") == 1


def test_a_cyclic_data_structure_is_refused(store: EventStore) -> None:
    data: dict[str, object] = {}
    data["self"] = data
    with pytest.raises(InvalidEventError, match="not JSON-serialisable"):
        store.append("a", [NewEvent("Looped", data)])
    assert store.last_position() == 0


@pytest.mark.parametrize(
    "read",
    [
        lambda s: s.read_stream("a", from_version=0),
        lambda s: s.read_stream("", from_version=1),
        lambda s: s.read_stream("a", limit=-1),
        lambda s: s.read_all(from_position=0),
        lambda s: s.read_all(from_position=1, limit=True),
        lambda s: s.stream_version(""),
    ],
)
def test_bad_read_arguments_are_refused_at_the_call(store: EventStore, read: object) -> None:
    with pytest.raises(InvalidEventError):
        read(store)  # type: ignore[operator]


def test_the_store_is_a_context_manager_that_closes(make_store: StoreFactory) -> None:
    with make_store() as store:  # type: ignore[attr-defined]
        store.append("a", deposits(1))
    with pytest.raises(StoreClosedError):
        store.append("a", deposits(2))
    with pytest.raises(StoreClosedError):
        list(store.read_all())
    store.close()
