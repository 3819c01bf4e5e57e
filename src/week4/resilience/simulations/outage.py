"""A downstream that fails for a while, then slows down for a while, and its callers.

Covers: what a circuit breaker is for (Nygard, *Release It!*, 2nd ed., ch. 5; resilience4j's
CircuitBreaker). The downstream answers after a short, variable delay (and fails a few
requests at random), except during an outage window, when it accepts requests and never
answers (a hung process: every caller waits out its timeout), and during a latency spike,
when it answers, but ten times slower, often past the callers' timeout. The same users' requests run
through each caller policy in turn (same seed, same arrival times), so the only difference
between the runs is the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from week4.resilience.simulations.arrivals import Load, start_arrivals
from week4.resilience.simulations.callers import Caller, CallerCounts, Finished, Policy
from week4.sim.clock import Simulator
from week4.sim.latency import Exponential


@dataclass(frozen=True)
class OutageSetup:
    """The downstream's bad day.

    Attributes:
        rate: Users' requests per second.
        duration: When users stop sending (ms).
        outage_start: When the downstream stops answering (ms).
        outage_ms: How long it does (ms).
        spike_start: When its latency spike starts (ms).
        spike_ms: How long it lasts (ms).
        spike_factor: Latency is multiplied by this during the spike.
        latency_ms: The downstream's usual latency: a 5 ms floor plus an exponential tail
            with this mean.
        failure_rate: Share of requests that fail at random outside the outage.
        bucket: The width of one bucket of the load timeline (ms).
    """

    rate: float = 200.0
    duration: float = 10_000.0
    outage_start: float = 2000.0
    outage_ms: float = 2000.0
    spike_start: float = 6000.0
    spike_ms: float = 1500.0
    spike_factor: float = 10.0
    latency_ms: float = 10.0
    failure_rate: float = 0.05
    bucket: float = 250.0

    def in_outage(self, time: float) -> bool:
        """True while the downstream is down."""
        return self.outage_start <= time < self.outage_start + self.outage_ms

    def in_spike(self, time: float) -> bool:
        """True while the downstream is slow."""
        return self.spike_start <= time < self.spike_start + self.spike_ms


class FlakyDownstream:
    """A downstream of unlimited capacity with an outage window and a latency spike.

    Args:
        sim: The simulator (stream ``downstream`` draws latencies and failures).
        setup: When it is down, when it is slow, and how slow.
    """

    def __init__(self, sim: Simulator, setup: OutageSetup) -> None:
        self.sim = sim
        self.setup = setup
        self.arrivals: list[float] = []
        self._rng = sim.rng("downstream")
        self._latency = Exponential(setup.latency_ms, floor=5.0)

    def submit(self, reply: Callable[[bool], None]) -> None:
        """Answer after the current latency (never, during the outage)."""
        now = self.sim.now
        self.arrivals.append(now)
        setup = self.setup
        latency = self._latency.sample(self._rng)
        fails = self._rng.random() < setup.failure_rate
        if setup.in_outage(now):
            return
        if setup.in_spike(now):
            latency *= setup.spike_factor
        self.sim.schedule(latency, lambda: reply(not fails))


@dataclass(frozen=True)
class OutageRun:
    """One policy through the bad day.

    Attributes:
        policy: The policy's name.
        finished: Every request as its user saw it.
        arrivals: When each attempt reached the downstream (ms).
        counts: What the caller sent.
        states: The breaker's states over time (empty without a breaker).
    """

    policy: str
    finished: list[Finished]
    arrivals: list[float]
    counts: CallerCounts
    states: list[tuple[float, str]]


def run_outage(seed: int, setup: OutageSetup, policy: Policy) -> OutageRun:
    """Send the users' requests through ``policy`` to the flaky downstream.

    Args:
        seed: Seeds arrivals, latencies, failures and waits (one stream each).
        setup: The downstream's outage and spike, and the users' rate.
        policy: The caller's protection.
    """
    sim = Simulator(seed)
    downstream = FlakyDownstream(sim, setup)
    caller = Caller(sim, downstream, policy)
    start_arrivals(sim, Load(rate=setup.rate / 1000.0, until=setup.duration), caller.request)
    sim.run()
    return OutageRun(
        policy.name, caller.finished, downstream.arrivals, caller.counts, caller.states
    )
