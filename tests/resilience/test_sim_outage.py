"""A downstream that hangs, then slows, met by four caller policies."""

from __future__ import annotations

import itertools

import pytest

from week4.resilience.figures.outage import run_all, success_rate
from week4.resilience.simulations.outage import OutageSetup
from week4.resilience.simulations.policies import BreakerSettings

SETUP = OutageSetup()
BREAKER = BreakerSettings(
    slow_call_duration=50.0, slow_call_rate_threshold=0.5, wait_duration=500.0
)


@pytest.fixture(scope="module")
def day():
    return run_all(1, SETUP, timeout=100.0, attempts=3, breaker=BREAKER)


def calls_during_outage(run):
    end = SETUP.outage_start + SETUP.outage_ms
    return sum(SETUP.outage_start <= t < end for t in run.arrivals)


def test_every_caller_met_the_same_users(day):
    assert len({len(r.finished) for r in day.runs}) == 1


def test_retries_multiply_the_load_on_a_downstream_that_is_down(day):
    plain = calls_during_outage(day.run("no protection"))
    assert calls_during_outage(day.run("retries")) > 2.5 * plain


def test_an_open_breaker_keeps_the_load_off_the_downstream(day):
    plain = calls_during_outage(day.run("no protection"))
    assert calls_during_outage(day.run("breaker")) < plain / 4


def test_the_breaker_opens_in_the_outage_tries_again_after_its_wait_and_closes_after(day):
    states = day.run("breaker").states
    assert states[0] == (0.0, "closed")
    opened = [t for t, s in states if s == "open"]
    assert SETUP.outage_start <= opened[0] < SETUP.outage_start + 500
    for (t0, s0), (t1, s1) in itertools.pairwise(states):
        if s0 == "open":
            assert s1 == "half_open"
            assert t1 - t0 >= BREAKER.wait_duration
    assert states[-1][1] == "closed"


def test_a_breaker_fails_fast_instead_of_waiting_out_the_timeout(day):
    plain = day.run("no protection")
    guarded = day.run("breaker")
    timeouts = [sum(f.outcome == "timeout" for f in r.finished) for r in (plain, guarded)]
    assert timeouts[1] < timeouts[0] / 4
    assert any(f.outcome == "short-circuited" and f.end == f.start for f in guarded.finished)


def test_retries_recover_the_random_failures(day):
    assert success_rate(day.run("retries")) > success_rate(day.run("no protection"))


def test_the_breaker_also_opens_on_the_slow_calls_of_the_latency_spike(day):
    end = SETUP.spike_start + SETUP.spike_ms
    opened = [t for t, s in day.run("breaker").states if s == "open"]
    assert any(SETUP.spike_start <= t < end for t in opened)
