"""The event sourcing chapter's scenarios do what the page says they show."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4 import scenarios
from week4.errors import ParameterError
from week4.event_sourcing import InMemoryEventStore, NewEvent
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.figures.crash_restart import run_crash
from week4.event_sourcing.figures.growth import evenly, load_costs, snapshot_grid
from week4.event_sourcing.figures.race import STREAM, run_race
from week4.event_sourcing.figures.race_messages import AppendRejected, AppendRequested
from week4.event_sourcing.figures.rehydration import measure_rehydration
from week4.render import sequence_diagram


def test_replay_rebuilds_the_balance_that_the_fold_table_ends_with() -> None:
    result = scenarios.run("es-replay", seed=1)
    fold = result.tables["the fold, step by step"]
    assert fold.rows[-1][-1] == result.metrics["balance after replay (€)"]
    assert [row[0] for row in fold.rows] == list(range(1, len(fold.rows) + 1))
    assert result.metrics["replay equals the last step"] is True


def test_refused_commands_leave_no_event_in_the_stream() -> None:
    result = scenarios.run("es-replay", seed=1, commands=30)
    metrics = result.metrics
    assert metrics["commands refused (no event)"] > 0
    assert (
        metrics["events in the stream"]
        == metrics["commands"] - metrics["commands refused (no event)"]
    )


def test_two_writers_that_read_the_same_version_conflict_once_and_the_retry_succeeds() -> None:
    result = scenarios.run("es-concurrency", seed=1)
    assert result.metrics["conflicts (ConcurrencyError)"] == 1
    assert result.metrics["appended"] == 2
    assert result.metrics["final balance (€)"] == 40
    rows = {row[0]: row[1:] for row in result.tables["per writer"].rows}
    assert sorted(rows.values()) == [[1, 1, 0, 0], [1, 1, 1, 0]]
    assert result.trace is not None
    assert "ConcurrencyError: at v3, not v2" in sequence_diagram(result.trace)


@pytest.mark.parametrize("seed", range(1, 9))
def test_every_race_of_two_single_withdrawals_has_exactly_one_conflict(seed: int) -> None:
    race = run_race(seed, writers=2, ops=1, amount=100, balance=1000, latency=5.0, expected="exact")
    assert race.server.conflicts == 1
    assert [w.appended for w in race.writers] == [1, 1]


def test_each_rejected_append_is_followed_by_a_re_read_and_a_new_decision() -> None:
    race = run_race(1, writers=5, ops=3, amount=100, balance=10_000, latency=5.0, expected="exact")
    delivered = [e for e in race.sim.trace if e.kind == "deliver"]
    rejections = [e for e in delivered if e.message and e.message.startswith("ConcurrencyError")]
    assert len(rejections) == race.server.conflicts == sum(w.conflicts for w in race.writers)
    for rejection in rejections:
        after = [e for e in delivered if e.time >= rejection.time and e.peer == rejection.node]
        assert after[0].message.startswith("read from")
    assert race.store.stream_version(STREAM) == 2 + 15


def test_the_version_check_prevents_the_overdraft_that_any_lets_through() -> None:
    params = {"writers": 4, "amount": 30, "balance": 100}
    checked = scenarios.run("es-concurrency", seed=1, **params)
    unchecked = scenarios.run("es-concurrency", seed=1, expected="any", **params)
    assert checked.metrics["overdrawn"] is False
    assert (checked.metrics["appended"], checked.metrics["refused (DomainError)"]) == (3, 1)
    assert checked.metrics["final balance (€)"] == 10
    assert unchecked.metrics["overdrawn"] is True
    assert unchecked.metrics["conflicts (ConcurrencyError)"] == 0
    assert unchecked.metrics["final balance (€)"] == -20


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    writers=st.integers(2, 6),
    ops=st.integers(1, 4),
    amount=st.integers(1, 50),
    balance=st.integers(0, 300),
)
def test_with_the_version_check_no_race_ever_overdraws_or_loses_a_withdrawal(
    seed: int, writers: int, ops: int, amount: int, balance: int
) -> None:
    race = run_race(
        seed,
        writers=writers,
        ops=ops,
        amount=amount,
        balance=balance,
        latency=5.0,
        expected="exact",
    )
    appended = sum(w.appended for w in race.writers)
    assert appended + sum(w.refused for w in race.writers) == writers * ops
    state = account_repository(race.store).load(STREAM).state
    assert state.balance_cents == balance - appended * amount >= 0
    assert all(w.finished_at is not None for w in race.writers)


def test_store_messages_have_short_labels_for_the_diagram() -> None:
    event = NewEvent("Withdrawn", {"amount_cents": 3000})
    assert AppendRequested(STREAM, 2, event).label == "append Withdrawn €30, expect v2"
    assert AppendRequested(STREAM, None, event).label == "append Withdrawn €30, expect any"
    assert AppendRejected(2, 3).label == "ConcurrencyError: at v3, not v2"


@pytest.mark.parametrize(("events", "every"), [(1, 0), (99, 10), (100, 100), (250, 100), (333, 7)])
def test_growing_a_stream_in_batches_reads_what_one_command_at_a_time_reads(
    events: int, every: int
) -> None:
    (cost,) = load_costs([events], every)
    measured = measure_rehydration(events, every)
    assert (cost.events_read, cost.snapshot_version) == (
        measured.events_read,
        measured.snapshot_version,
    )
    assert cost.snapshots == (events // every if every else 0)


def test_snapshots_cut_the_events_read_to_below_the_interval() -> None:
    result = scenarios.run("es-snapshots", seed=1)
    data = result.data
    assert data["without"] == data["lengths"]
    assert max(data["with"]) < 100
    assert result.metrics["snapshots written"] == 6
    assert result.metrics["mean events read per load, snapshot every 100"] < (
        result.metrics["mean events read per load, no snapshots"] / 5
    )


def test_the_explorable_grid_covers_every_setting_and_agrees_with_a_single_run() -> None:
    grid = snapshot_grid([10, 100], [100, 250], points=10)
    assert sorted(grid) == ["100|100", "100|250", "10|100", "10|250"]
    cell = grid["100|250"]
    costs = load_costs(evenly(250, 10), 100)
    assert cell["with"] == [c.events_read for c in costs]
    assert cell["snapshots written"] == 2
    assert cell["read without snapshots"] == 250


def test_bad_lengths_and_intervals_are_refused() -> None:
    with pytest.raises(ParameterError, match="expected increasing"):
        load_costs([5, 5], 1)
    with pytest.raises(ParameterError, match="snapshot interval"):
        load_costs([5], -1)


def test_a_consumer_that_crashes_mid_batch_applies_every_event_exactly_once() -> None:
    result = scenarios.run("es-subscription", seed=1)
    metrics = result.metrics
    assert metrics["consumer runs"] == 2
    assert metrics["checkpoint at restart"] == 20
    assert metrics["re-delivered"] == 7
    assert metrics["applied once each"] is True
    assert metrics["projection equals the log"] is True
    assert metrics["checkpoint at the end"] == 50


def test_only_the_naive_projection_counts_re_delivered_events_twice() -> None:
    rows = {
        row[0]: row[1:]
        for row in scenarios.run("es-subscription", seed=1).tables["three ways to commit"].rows
    }
    for mode in ("together", "idempotent"):
        assert rows[mode][2:] == [0, 0, 0]
    _, redelivered, twice, gaps, error = rows["naive"]
    assert twice == redelivered == 7
    assert gaps == 0
    assert error > 0


@pytest.mark.parametrize("crash_at", [1, 10, 11, 50])
def test_no_crash_position_leaves_a_gap(crash_at: int) -> None:
    store = InMemoryEventStore()
    for i in range(50):
        store.append(f"a-{i % 4}", [NewEvent("Deposited", {"amount_cents": i + 1})])
    run = run_crash(store, "together", crash_at, batch_size=10)
    assert sorted(run.applied) == list(range(1, 51))
    assert set(run.applied.values()) == {1}
    assert run.deliveries[crash_at] == 2
    assert sum(run.deliveries.values()) - 50 == (crash_at - 1) % 10 + 1


def test_a_crash_position_beyond_the_log_is_refused() -> None:
    with pytest.raises(ParameterError, match="crash_at: expected a position from 1 to 20"):
        scenarios.run("es-subscription", seed=1, events=20, crash_at=27)


def test_time_travel_gives_the_balance_of_the_last_event_before_the_time() -> None:
    result = scenarios.run("es-time-travel", seed=1)
    trail = result.tables["audit trail"].rows
    version = result.metrics["version at 11:00"]
    assert trail[version - 1][1] <= "11:00" < trail[version][1]
    assert result.metrics["balance at 11:00 (€)"] == trail[version - 1][-1]
    assert result.metrics["balance after version 3 (€)"] == trail[2][-1]
    assert {row[2] for row in trail} >= {"clerk", "ada"}


@pytest.mark.parametrize("as_of", ["9:00", "25:00", "noon"])
def test_a_time_that_is_not_hh_mm_is_refused(as_of: str) -> None:
    with pytest.raises(ParameterError, match="for as_of: expected a time HH:MM"):
        scenarios.run("es-time-travel", seed=1, as_of=as_of)


def test_upcasting_reads_old_events_as_new_without_rewriting_them() -> None:
    result = scenarios.run("es-upcasting", seed=1, legacy=4)
    assert result.metrics["upcast on read"] == 4
    assert result.metrics["stored events changed by reading"] == 0
    rows = result.tables["stored vs read"].rows
    legacy = [row for row in rows if row[2] == 1 and row[1] == "Deposited"]
    assert all('"amount"' in row[3] and "amount_cents=" in row[4] for row in legacy)
    assert any("schema v3 is unknown here" in note for note in result.notes)
