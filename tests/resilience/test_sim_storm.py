"""The retry storm: a spike, a collapse that outlives it, and recovery with protection."""

from __future__ import annotations

import pytest

from week4.resilience.figures.storm import run_all
from week4.resilience.simulations.callers import Caller, Policy
from week4.resilience.simulations.layers import run_layers
from week4.resilience.simulations.server import QueueingServer
from week4.resilience.simulations.storm import StormSetup
from week4.sim.clock import Simulator
from week4.sim.latency import Constant


@pytest.fixture(scope="module")
def storm():
    return run_all(1, StormSetup(), timeout=100.0, attempts=3)


def test_before_the_spike_every_policy_serves_the_users(storm):
    for run in storm.runs:
        assert storm.before_share(run) > 0.9, run.policy


def test_with_retries_and_no_protection_goodput_stays_near_zero_long_after_the_spike(storm):
    assert storm.after_share(storm.run("retries")) < 0.05
    assert storm.after_share(storm.run("retries + jitter")) < 0.05


def test_the_collapse_is_kept_going_by_retries_alone(storm):
    # Without retries the same spike passes: the overload needed the retries to persist.
    assert storm.after_share(storm.run("no retries")) > 0.9
    collapsed = storm.run("retries")
    since, _until = storm.after
    offered = [o for t, o in zip(collapsed.times, collapsed.offered, strict=True) if since <= t]
    capacity = storm.setup.capacity_per_ms * 1000
    assert min(offered) > capacity


@pytest.mark.parametrize(
    "policy", ["retries + budget", "retries + breaker", "jitter + budget + breaker"]
)
def test_a_budget_or_a_breaker_ends_the_storm(storm, policy):
    assert storm.after_share(storm.run(policy)) > 0.9


def test_answers_that_come_after_the_timeout_are_counted_as_wasted(storm):
    assert (
        storm.run("retries").late_answers > 10 * storm.run("jitter + budget + breaker").late_answers
    )


def test_a_breaker_wastes_less_work_than_a_budget_alone(storm):
    breaker, budget = storm.run("retries + breaker"), storm.run("retries + budget")
    assert breaker.late_answers < budget.late_answers / 2


def test_the_protected_breaker_opens_during_the_storm_and_closes_after(storm):
    states = [s for _, s in storm.run("jitter + budget + breaker").states]
    assert states[0] == "closed"
    assert "open" in states
    assert states[-1] == "closed"


@pytest.mark.parametrize(("layers", "attempts"), [(1, 3), (3, 3), (2, 5), (4, 2)])
def test_retries_at_every_layer_multiply(layers, attempts):
    run = run_layers(1, layers=layers, attempts=attempts)
    assert run.received == [attempts**i for i in range(layers + 1)]


def test_three_layers_of_three_attempts_send_27_calls_to_the_database():
    assert run_layers(1, layers=3, attempts=3).received[-1] == 27


def test_a_full_queue_rejects_at_once_and_the_caller_sees_an_error():
    sim = Simulator(1)
    server = QueueingServer(sim, workers=1, service=Constant(50), queue_limit=1)
    caller = Caller(sim, server, Policy("plain", timeout=1000.0), network=Constant(0))
    for _ in range(3):
        caller.request()
    sim.run()
    outcomes = [f.outcome for f in caller.finished]
    assert sorted(outcomes) == ["error", "ok", "ok"]
    assert server.counts.rejected == 1
    assert server.counts.longest_queue == 1


def test_during_the_spike_goodput_falls_to_zero_for_every_charted_caller(storm):
    start, end = storm.setup.spike_start, storm.setup.spike_end
    for run in storm.runs:
        during = [g for t, g in zip(run.times, run.goodput, strict=True) if start < t < end]
        assert min(during) == 0, run.policy


def test_jitter_budget_and_breaker_together_waste_the_least_work(storm):
    together = storm.run("jitter + budget + breaker")
    assert together.late_answers == min(r.late_answers for r in storm.runs)
    assert together.attempts == min(r.attempts for r in storm.runs)
