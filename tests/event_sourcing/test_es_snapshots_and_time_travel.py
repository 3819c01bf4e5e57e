"""Snapshots (and their measured savings), time travel and the audit trail."""

from __future__ import annotations

import pytest

from week4.event_sourcing import InMemoryEventStore
from week4.event_sourcing.aggregates.snapshots import InMemorySnapshotStore
from week4.event_sourcing.aggregates.time_travel import (
    audit_trail,
    history,
    state_at_time,
    state_at_version,
)
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import Account, Deposit, OpenAccount, Withdraw
from week4.event_sourcing.figures.rehydration import (
    RehydrationCost,
    measure_rehydration,
    rehydration_series,
)
from week4.event_sourcing.store.errors import InvalidEventError


def test_a_snapshot_is_taken_every_n_events_and_gives_the_same_state() -> None:
    store, snapshots = InMemoryEventStore(), InMemorySnapshotStore()
    repo = account_repository(store, snapshots, snapshot_every=10)
    repo.execute("a", OpenAccount("ada"))
    for _ in range(24):
        repo.execute("a", Deposit(100))
    snapshot = snapshots.latest("a")
    assert snapshot is not None
    assert (snapshot.version, snapshots.saves) == (20, 2)
    with_snapshot, without = repo.load("a"), repo.load("a", use_snapshot=False)
    assert with_snapshot.state == without.state == Account("open", "ada", 2400, "EUR")
    assert (with_snapshot.events_read, with_snapshot.snapshot_version) == (5, 20)
    assert (without.events_read, without.snapshot_version) == (25, 0)


def test_rehydration_cost_is_measured_in_events_not_seconds() -> None:
    assert measure_rehydration(250, 100) == RehydrationCost(250, 50, 200)
    assert measure_rehydration(250, 0) == RehydrationCost(250, 250, 0)
    assert measure_rehydration(100, 100) == RehydrationCost(100, 0, 100)
    assert rehydration_series(300, 100, 50) == [
        (50, 50, 50),
        (100, 100, 0),
        (150, 150, 50),
        (200, 200, 0),
        (250, 250, 50),
        (300, 300, 0),
    ]


@pytest.mark.parametrize(("events", "every"), [(0, 10), (10, -1)])
def test_bad_measure_arguments_are_refused(events: int, every: int) -> None:
    with pytest.raises(InvalidEventError):
        measure_rehydration(events, every)


def make_account() -> tuple[InMemoryEventStore, object]:
    times = iter([100.0, 200.0, 300.0, 400.0])
    store = InMemoryEventStore(clock=lambda: next(times))
    repo = account_repository(store)
    repo.execute("a", OpenAccount("ada"), actor="clerk")
    repo.execute("a", Deposit(500), actor="ada")
    repo.execute("a", Withdraw(200), actor="ada")
    repo.execute("a", Deposit(50), actor="payroll")
    return store, repo


def test_the_state_as_of_a_version_is_a_fold_of_the_prefix() -> None:
    store, repo = make_account()
    balances = [
        state_at_version(store, repo.mapper, repo.decider, "a", v).balance_cents  # type: ignore[attr-defined]
        for v in (1, 2, 3, 4, 99)
    ]
    assert balances == [0, 500, 300, 350, 350]


def test_the_state_as_of_a_recorded_time_uses_the_injected_clock() -> None:
    store, repo = make_account()
    args = (store, repo.mapper, repo.decider, "a")  # type: ignore[attr-defined]
    assert state_at_time(*args, at=50.0) == (Account(), 0)
    state, version = state_at_time(*args, at=299.9)
    assert (state.balance_cents, version) == (500, 2)
    assert state_at_time(*args, at=1e9)[1] == 4
    assert [(v, t, s.balance_cents) for v, t, s in history(*args)] == [
        (1, 100.0, 0),
        (2, 200.0, 500),
        (3, 300.0, 300),
        (4, 400.0, 350),
    ]


def test_the_audit_trail_says_who_did_what_and_when() -> None:
    store, _ = make_account()
    trail = [(e.version, e.recorded_at, e.actor, e.type, e.data) for e in audit_trail(store, "a")]
    assert trail == [
        (1, 100.0, "clerk", "AccountOpened", {"owner": "ada", "currency": "EUR"}),
        (2, 200.0, "ada", "Deposited", {"amount_cents": 500, "currency": "EUR"}),
        (3, 300.0, "ada", "Withdrawn", {"amount_cents": 200, "currency": "EUR"}),
        (4, 400.0, "payroll", "Deposited", {"amount_cents": 50, "currency": "EUR"}),
    ]
