"""The staleness lab: reads right after writes, under each read strategy and lag."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cqrs.read.model import Answer
from week4.cqrs.simulations.lab_nodes import STRATEGIES, Costs
from week4.cqrs.simulations.lags import LAG_KINDS, Pareto, lag_distribution
from week4.cqrs.simulations.ledger import Ledger
from week4.cqrs.simulations.staleness import LabSetup, run_lab, summarize
from week4.errors import Week4Error

SMALL = LabSetup(users=4, ops=8)


@settings(max_examples=25)
@given(
    seed=st.integers(0, 10_000),
    lag=st.sampled_from(LAG_KINDS),
    lag_ms=st.sampled_from([0.0, 1.0, 5.0, 20.0, 80.0]),
    timeout_ms=st.sampled_from([0.0, 10.0, 100.0]),
)
def test_waiting_for_the_position_never_answers_without_the_readers_own_write(
    seed: int, lag: str, lag_ms: float, timeout_ms: float
) -> None:
    setup = LabSetup(users=4, ops=6, lag=lag, lag_ms=lag_ms, costs=Costs(timeout_ms=timeout_ms))
    run = run_lab(seed, "wait-for-position", setup)
    answered = [r for r in run.reads if r.seen is not None]
    assert all(r.fresh and r.seen is not None and r.seen >= r.position for r in answered)
    assert summarize(run).failure_rate == 0.0
    assert len(run.reads) == 4 * 6


@pytest.mark.parametrize("lag", LAG_KINDS)
def test_async_reads_miss_their_own_write_when_the_projection_lags(lag: str) -> None:
    summary = summarize(run_lab(1, "async", LabSetup(users=4, ops=8, lag=lag, lag_ms=20.0)))
    assert summary.missed > 0
    assert summary.failure_rate > 0
    assert summary.staleness_p99 > 0


def test_async_reads_see_every_write_when_the_projection_does_not_lag() -> None:
    summary = summarize(run_lab(1, "async", LabSetup(users=4, ops=8, lag="constant", lag_ms=0.0)))
    assert summary.missed == 0


@pytest.mark.parametrize("strategy", ["inline", "write-model"])
@pytest.mark.parametrize("lag", LAG_KINDS)
def test_inline_and_write_model_reads_are_always_fresh(strategy: str, lag: str) -> None:
    setup = LabSetup(users=4, ops=8, lag=lag, lag_ms=50.0)
    summary = summarize(run_lab(3, strategy, setup))  # type: ignore[arg-type]
    assert summary.missed == 0
    assert summary.staleness_max == 0.0


def test_reading_the_write_model_doubles_the_write_sides_requests() -> None:
    runs = {s: summarize(run_lab(1, s, SMALL)) for s in STRATEGIES}
    commands = 4 * 8
    assert runs["async"].write_side_requests == commands
    assert runs["write-model"].write_side_requests == 2 * commands
    assert runs["inline"].write_side_busy_ms > runs["async"].write_side_busy_ms


def test_a_short_timeout_turns_slow_reads_into_not_yet_answers() -> None:
    setup = LabSetup(users=4, ops=8, lag="constant", lag_ms=50.0, costs=Costs(timeout_ms=10.0))
    summary = summarize(run_lab(1, "wait-for-position", setup))
    assert summary.not_yet == summary.reads
    assert summary.missed == 0


def test_every_user_account_ends_with_the_sum_of_its_deposits_in_every_strategy() -> None:
    for strategy in STRATEGIES:
        run = run_lab(2, strategy, SMALL)
        run.bank.catch_up(run.bank.head)
        assert run.bank.position() == run.bank.head == 4 + 4 * 8
        for user in ("u1", "u2", "u3", "u4"):
            answer = run.bank.read(user)
            assert isinstance(answer, Answer)
            assert answer.value == run.bank.write_balance(user)


def test_the_same_seed_gives_the_same_reads() -> None:
    first = run_lab(5, "async", SMALL)
    second = run_lab(5, "async", SMALL)
    assert first.reads == second.reads
    assert first.sim.trace.to_dicts() == second.sim.trace.to_dicts()


def test_staleness_is_the_age_of_the_oldest_event_an_answer_misses() -> None:
    ledger = Ledger()
    for position, time in [(1, 0.0), (2, 10.0), (3, 12.0)]:
        ledger.appended(position, time)
    assert ledger.staleness(3, now=20.0) == 0.0
    assert ledger.staleness(1, now=20.0) == 10.0
    assert ledger.staleness(0, now=20.0) == 20.0


def test_lag_distributions_have_the_asked_mean_and_refuse_nonsense() -> None:
    rng = random.Random(1)
    for kind in LAG_KINDS:
        dist = lag_distribution(kind, 20.0)
        mean = sum(dist.sample(rng) for _ in range(20_000)) / 20_000
        assert 17.0 < mean < 23.0, (kind, mean)
    with pytest.raises(Week4Error, match="unknown lag"):
        lag_distribution("gaussian", 1.0)
    with pytest.raises(Week4Error, match=">= 0"):
        lag_distribution("constant", -1.0)
    with pytest.raises(Week4Error):
        Pareto(0.0)


def test_the_long_tail_is_longer_than_the_exponential_one() -> None:
    rng = random.Random(2)
    tails = {}
    for kind in ("exponential", "long-tail"):
        dist = lag_distribution(kind, 20.0)
        draws = sorted(dist.sample(rng) for _ in range(20_000))
        tails[kind] = draws[int(0.999 * len(draws))]
    assert tails["long-tail"] > tails["exponential"]
