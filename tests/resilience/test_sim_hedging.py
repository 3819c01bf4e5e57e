"""Hedged requests: a second copy after the p95 delay cuts the tail for about 5% more load."""

from __future__ import annotations

import pytest

from week4.resilience import HedgingPolicy
from week4.resilience.figures.hedging import compare_hedging, extra
from week4.resilience.simulations.hedging import TailSetup, run_hedging
from week4.stats import percentile


@pytest.fixture(scope="module")
def comparison():
    return compare_hedging(1, TailSetup(requests=20_000), 95.0)


def test_hedging_after_the_p95_cuts_the_p99_and_the_p999(comparison):
    for q in (99.0, 99.9):
        plain = percentile(comparison.plain.latencies, q)
        assert percentile(comparison.hedged.latencies, q) < plain / 3


def test_hedging_after_the_p95_sends_about_five_percent_more_copies(comparison):
    sent, _ = extra(comparison.hedged, comparison.plain)
    assert 4.0 < sent < 6.0


def test_hedging_leaves_the_median_alone(comparison):
    assert percentile(comparison.hedged.latencies, 50) == percentile(comparison.plain.latencies, 50)


def test_without_hedging_one_copy_goes_out_per_request():
    run = run_hedging(1, TailSetup(requests=500), None)
    assert run.sent == 500
    assert run.hedges == run.hedge_wins == 0


def test_no_request_is_slower_with_a_hedge_than_without():
    setup = TailSetup(requests=2000)
    plain = run_hedging(2, setup, None)
    hedged = run_hedging(2, setup, HedgingPolicy(delay=20.0))
    assert all(h <= p for h, p in zip(hedged.latencies, plain.latencies, strict=True))


def test_cancelling_the_slow_copy_can_save_more_server_time_than_the_hedges_cost(comparison):
    assert comparison.hedged.server_time < comparison.plain.server_time


def test_a_policy_that_learns_its_p95_from_the_answers_also_cuts_the_tail():
    setup = TailSetup(requests=10_000)
    plain = run_hedging(3, setup, None)
    learning = run_hedging(3, setup, HedgingPolicy(percentile=95.0, min_samples=100))
    assert percentile(learning.latencies, 99) < percentile(plain.latencies, 99) / 3
    assert learning.hedges < 0.1 * setup.requests
