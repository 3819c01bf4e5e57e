"""A retry storm: a short overload spike, retries that keep the overload going, and recovery.

Covers: metastable failure (Bronson, Aghayev, Charapko and Zhu, "Metastable Failures in
Distributed Systems", HotOS 2021). Users send requests at a steady rate below the server's
capacity. A short spike fills the queue until waiting takes longer than the callers'
timeout; from then on every answer comes too late, every attempt is retried, and the
retries alone keep the offered load above capacity. The spike ends, the overload does not:
the server is busy all the time and almost none of its work reaches a user in time.
Protection breaks the loop: a retry budget stops the retries that keep it going, a circuit
breaker stops sending while the queue drains, and jitter spreads what is sent.

Scenario: `StormSetup` holds the numbers. Goodput is the requests per second that
succeeded, counted when they succeeded, in buckets of ``bucket`` ms.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.resilience.simulations.arrivals import Load, start_arrivals
from week4.resilience.simulations.callers import Caller, Finished, Policy
from week4.resilience.simulations.server import QueueingServer, ServerCounts
from week4.sim.clock import Simulator
from week4.sim.latency import Uniform


@dataclass(frozen=True)
class StormSetup:
    """The system under the storm.

    Attributes:
        workers: Requests the server serves at once.
        service_ms: Mean service time of one request (uniform between half and 1.5 times).
        queue_limit: The most requests that may wait at the server.
        load: Users' requests as a share of the server's capacity.
        spike_factor: How much the users' rate is multiplied during the spike.
        spike_start: When the spike starts (ms).
        spike_ms: How long it lasts (ms).
        duration: When users stop sending (ms); the run goes on until every request ended.
        bucket: The width of one bucket of the timelines (ms).
    """

    workers: int = 4
    service_ms: float = 10.0
    queue_limit: int = 1000
    load: float = 0.6
    spike_factor: float = 3.0
    spike_start: float = 2000.0
    spike_ms: float = 500.0
    duration: float = 10_000.0
    bucket: float = 250.0

    @property
    def capacity_per_ms(self) -> float:
        """Requests the server can finish per millisecond when busy all the time."""
        return self.workers / self.service_ms

    @property
    def spike_end(self) -> float:
        """When the spike ends (ms)."""
        return self.spike_start + self.spike_ms


@dataclass(frozen=True)
class StormRun:
    """One finished run of one policy.

    Attributes:
        policy: The policy's name.
        times: The start of every timeline bucket (ms).
        goodput: Successful requests per second, per bucket.
        offered: Attempts that reached the server per second, per bucket.
        finished: Every request, as its user saw it.
        server: What the server did.
        attempts: Attempts the caller sent.
        retries: Retries among them.
        refused_by_budget: Retries the budget refused.
        late_answers: Answers that arrived after their attempt had timed out (wasted work).
        states: The breaker's states over time (empty without a breaker).
    """

    policy: str
    times: list[float]
    goodput: list[float]
    offered: list[float]
    finished: list[Finished]
    server: ServerCounts
    attempts: int
    retries: int
    refused_by_budget: int
    late_answers: int
    states: list[tuple[float, str]]

    def success_share(self, since: float, until: float) -> float:
        """The share of the requests started in ``[since, until)`` that succeeded."""
        started = [f for f in self.finished if since <= f.start < until]
        if not started:
            return 0.0
        return sum(f.outcome == "ok" for f in started) / len(started)


def _per_second(times: list[float], bucket: float, buckets: int) -> list[float]:
    counts = [0] * buckets
    for t in times:
        i = int(t // bucket)
        if i < buckets:
            counts[i] += 1
    return [round(c * 1000.0 / bucket, 3) for c in counts]


def run_storm(seed: int, setup: StormSetup, policy: Policy) -> StormRun:
    """Run users, caller and server through the spike under one policy.

    Args:
        seed: Seeds arrivals, service times and waits (one stream each).
        setup: The server, the load and the spike.
        policy: How the caller retries and protects itself.
    """
    sim = Simulator(seed)
    arrivals: list[float] = []
    mean = setup.service_ms
    server = QueueingServer(
        sim,
        workers=setup.workers,
        service=Uniform(mean * 0.5, mean * 1.5),
        queue_limit=setup.queue_limit,
        on_arrival=arrivals.append,
    )
    caller = Caller(sim, server, policy)
    load = Load(
        rate=setup.load * setup.capacity_per_ms,
        until=setup.duration,
        spike_start=setup.spike_start,
        spike_end=setup.spike_end,
        spike_factor=setup.spike_factor,
    )
    start_arrivals(sim, load, caller.request)
    sim.run()
    buckets = int(setup.duration // setup.bucket)
    successes = [f.end for f in caller.finished if f.outcome == "ok"]
    return StormRun(
        policy=policy.name,
        times=[i * setup.bucket for i in range(buckets)],
        goodput=_per_second(successes, setup.bucket, buckets),
        offered=_per_second(arrivals, setup.bucket, buckets),
        finished=caller.finished,
        server=server.counts,
        attempts=caller.counts.attempts,
        retries=caller.counts.retries,
        refused_by_budget=caller.counts.retries_refused_by_budget,
        late_answers=caller.counts.late_answers,
        states=caller.states,
    )
