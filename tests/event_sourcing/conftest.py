"""Fixtures of the event sourcing tests: one contract, two backends."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from week4.event_sourcing import InMemoryEventStore, SQLiteEventStore
from week4.event_sourcing.store.protocol import EventStore

StoreFactory = Callable[..., EventStore]


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """A factory of fresh stores of one backend; every store it made is closed after."""
    made: list[EventStore] = []
    counter = itertools.count()

    def make(**kwargs: object) -> EventStore:
        if request.param == "memory":
            store: EventStore = InMemoryEventStore(**kwargs)  # type: ignore[arg-type]
        else:
            path = tmp_path / f"events-{next(counter)}.db"
            store = SQLiteEventStore(path, synchronous="NORMAL", **kwargs)  # type: ignore[arg-type]
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> EventStore:
    """A fresh, empty store of each backend."""
    return make_store()
