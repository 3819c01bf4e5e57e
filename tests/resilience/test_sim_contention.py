"""The AWS backoff experiment on the simulator: optimistic writers and five backoff strategies."""

from __future__ import annotations

import pytest

from week4.errors import ParameterError
from week4.resilience.figures.contention import contention_records, means
from week4.resilience.simulations.backoffs import STRATEGIES, make_wait
from week4.resilience.simulations.contention import run_contention
from week4.sim.latency import Constant

RUNS = 60


@pytest.fixture(scope="module")
def records():
    return contention_records(7, clients=40, runs=RUNS, base=5.0, cap=2000.0)


@pytest.mark.parametrize("clients", [20, 40])
def test_exponential_backoff_without_jitter_makes_more_calls_than_full_jitter(records, clients):
    calls = means(records, "total_calls")
    assert calls["exponential", clients] > calls["full-jitter", clients]


@pytest.mark.parametrize("clients", [20, 40])
def test_equal_jitter_makes_more_calls_than_full_jitter(records, clients):
    calls = means(records, "total_calls")
    assert calls["equal-jitter", clients] > calls["full-jitter", clients]


def test_exponential_backoff_without_jitter_takes_far_longer_to_finish(records):
    times = means(records, "completion_time")
    assert times["exponential", 40] > 3 * times["full-jitter", 40]


def test_every_record_has_the_keys_the_json_promises(records):
    assert {r["strategy"] for r in records} == set(STRATEGIES)
    assert len(records) == len(STRATEGIES) * 4 * RUNS
    for r in records:
        assert {"strategy", "total_calls", "completion_time"} <= r.keys()


def test_every_client_writes_once_so_calls_are_at_least_the_clients(records):
    assert all(r["total_calls"] >= r["clients"] for r in records)


def test_one_client_alone_writes_once_after_four_network_hops():
    run = run_contention(1, clients=1, wait=make_wait("none", base=5, cap=10), network=Constant(10))
    assert run.total_calls == 1
    assert run.completion_time == 40.0


def test_with_no_backoff_every_loser_comes_back_each_round():
    # Constant delays: all clients move in lockstep, one wins each round.
    run = run_contention(
        1, clients=10, wait=make_wait("none", base=5, cap=10), network=Constant(10)
    )
    assert run.total_calls == sum(range(1, 11))


def test_the_same_seed_gives_the_same_runs():
    first = contention_records(3, clients=10, runs=3, base=5.0, cap=100.0)
    assert first == contention_records(3, clients=10, runs=3, base=5.0, cap=100.0)


def test_an_unknown_strategy_is_refused_with_the_known_ones():
    with pytest.raises(ParameterError, match="expected one of none, exponential"):
        make_wait("linear", base=1, cap=2)
