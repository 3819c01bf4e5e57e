"""Hedged requests against a server with a long latency tail.

Covers: Dean and Barroso, "The Tail at Scale" (CACM 56(2), 2013): "send the same request
to multiple replicas and use the results from whichever replica responds first"; deferring
the second request until the first has been outstanding longer than the 95th-percentile
latency limits the extra load to about 5% while cutting the tail. Here every request goes
to one replica; if no answer came after the hedging policy's delay (the chapter's
`HedgingPolicy`: a fixed delay, or a percentile of the latencies it observed) a second copy
goes to another replica; the first answer wins and the other copy is cancelled, so it stops
costing server time from then on.

Scenario: replicas answer after a 5 ms floor plus an exponential tail (mean 5 ms), except
a share ``slow_share`` of requests that hit a hiccup (a garbage collection, a flush, a
noisy neighbour) and take between ``slow_low`` and ``slow_high`` ms. Replicas are
independent and never queue, as in the paper's model of variability.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.resilience.guards.hedging import HedgingPolicy
from week4.sim.clock import Simulator, Timer
from week4.sim.latency import Exponential, Uniform


@dataclass(frozen=True)
class TailSetup:
    """The replicas' latency.

    Attributes:
        requests: How many requests the users send.
        gap_ms: Time between two requests (ms).
        slow_share: Share of requests that hit a hiccup.
        slow_low: The shortest hiccup latency (ms).
        slow_high: The longest hiccup latency (ms).
    """

    requests: int = 20_000
    gap_ms: float = 1.0
    slow_share: float = 0.02
    slow_low: float = 50.0
    slow_high: float = 500.0

    def sample(self, rng: random.Random) -> float:
        """One replica's latency for one request (ms)."""
        if rng.random() < self.slow_share:
            return Uniform(self.slow_low, self.slow_high).sample(rng)
        return Exponential(5.0, floor=5.0).sample(rng)


@dataclass(frozen=True)
class HedgingRun:
    """Every request's latency, and what the hedges cost.

    Attributes:
        latencies: Each request's latency as its user saw it (ms), in request order.
        sent: Copies sent to replicas (requests plus hedges).
        hedges: Second copies sent.
        hedge_wins: Requests whose hedge answered first.
        server_time: Total time replicas spent on copies, until each answered or was
            cancelled (ms).
    """

    latencies: list[float]
    sent: int
    hedges: int
    hedge_wins: int
    server_time: float


class _Request:
    """One request with up to two copies in flight; the first answer wins."""

    def __init__(self, sim: Simulator, run: _Totals, primary: float, hedge: float) -> None:
        self.sim = sim
        self.run = run
        self.start = sim.now
        self.done = False
        self.copies: list[tuple[float, float, Timer]] = []
        self.hedge_latency = hedge
        self._send(primary, hedged=False)

    def _send(self, latency: float, *, hedged: bool) -> None:
        self.run.sent += 1
        timer = self.sim.schedule(latency, lambda: self._answer(hedged))
        self.copies.append((self.sim.now, latency, timer))

    def hedge(self) -> None:
        if self.done:
            return
        self.run.hedges += 1
        self._send(self.hedge_latency, hedged=True)

    def _answer(self, hedged: bool) -> None:
        self.done = True
        now = self.sim.now
        self.run.latencies.append((self.start, now - self.start))
        if self.run.policy is not None:
            self.run.policy.observe(now - self.start)
        self.run.hedge_wins += hedged
        for sent_at, latency, timer in self.copies:
            timer.cancel()
            self.run.server_time += min(latency, now - sent_at)


@dataclass
class _Totals:
    latencies: list[tuple[float, float]]
    policy: HedgingPolicy | None = None
    sent: int = 0
    hedges: int = 0
    hedge_wins: int = 0
    server_time: float = 0.0


def run_hedging(seed: int, setup: TailSetup, policy: HedgingPolicy | None) -> HedgingRun:
    """Send ``setup.requests`` requests, hedged as ``policy`` says (None: never).

    Each request asks the policy for its hedge delay when it starts, and tells it the
    latency its user saw when it ends.

    Both latencies of a request (the first copy's and a possible hedge's) are drawn when the
    request starts, from stream ``replicas``, so a run with hedging and one without see the
    same first copies.
    """
    sim = Simulator(seed)
    rng = sim.rng("replicas")
    totals = _Totals([], policy)

    sent = [0]

    def start() -> None:
        primary, second = setup.sample(rng), setup.sample(rng)
        request = _Request(sim, totals, primary, second)
        delay = policy.hedge_delay() if policy is not None else None
        if delay is not None:
            sim.schedule(delay, request.hedge)
        sent[0] += 1
        if sent[0] < setup.requests:  # one arrival at a time keeps the heap small
            sim.schedule(setup.gap_ms, start)

    sim.at(0.0, start)
    sim.run()
    ordered = [latency for _, latency in sorted(totals.latencies)]
    return HedgingRun(ordered, totals.sent, totals.hedges, totals.hedge_wins, totals.server_time)
