"""A caller that protects itself (or not): timeouts, retries with waits, a breaker, a budget.

Covers: the client side of every resilience simulation. Each request makes up to
``attempts`` attempts. An attempt is refused at once when the breaker holds no permit
(short-circuited); otherwise it crosses the network, and fails when the downstream
answers with an error or when no answer came within ``timeout``. A failed attempt is
retried after the policy's wait, if attempts remain and the budget allows. An answer that
comes after its timeout is wasted work: the caller has moved on.

The breaker and the budget are the chapter's own (see `week4.resilience.simulations.gates`
for what is called); each is built per run with the simulation's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from week4.resilience.retry.waits import NoWait, Wait
from week4.resilience.simulations.gates import Budget, Gate
from week4.sim.clock import Simulator
from week4.sim.latency import Constant, Latency

Outcome = Literal["ok", "error", "timeout", "short-circuited"]


class Downstream(Protocol):
    """A server: ``submit(reply)`` on arrival; it calls ``reply(True|False)`` when done."""

    def submit(self, reply: Callable[[bool], None]) -> None:
        """Accept one request."""
        ...


@dataclass(frozen=True)
class Policy:
    """How a caller protects itself.

    Attributes:
        name: A short label for tables and charts.
        attempts: The most attempts per request (1 = no retries).
        wait: The pause before each retry.
        timeout: How long an attempt may take before the caller gives up on it (ms).
        breaker: Builds the circuit breaker for a run, given the run's clock.
        budget: Builds the retry budget for a run, given the run's clock.
    """

    name: str
    attempts: int = 1
    wait: Wait = field(default_factory=NoWait)
    timeout: float = 100.0
    breaker: Callable[[Callable[[], float]], Gate] | None = None
    budget: Callable[[Callable[[], float]], Budget] | None = None


@dataclass(frozen=True)
class Finished:
    """One request as its user saw it: when it started and ended, and how."""

    start: float
    end: float
    outcome: Outcome
    attempts: int


@dataclass
class CallerCounts:
    """What the caller sent and what came of it."""

    attempts: int = 0
    retries: int = 0
    retries_refused_by_budget: int = 0
    late_answers: int = 0


class Caller:
    """Sends requests to ``downstream`` under ``policy`` and records how each one ended.

    Args:
        sim: The simulator (stream ``backoff`` draws the retry waits).
        downstream: The server the attempts go to.
        policy: Retries, waits, timeout, breaker and budget.
        network: The one-way delay between caller and server.
    """

    def __init__(
        self,
        sim: Simulator,
        downstream: Downstream,
        policy: Policy,
        network: Latency | None = None,
    ) -> None:
        self.sim = sim
        self.downstream = downstream
        self.policy = policy
        self.network = network or Constant(1.0)
        clock = self._clock
        self.breaker = policy.breaker(clock) if policy.breaker else None
        self.budget = policy.budget(clock) if policy.budget else None
        self.finished: list[Finished] = []
        self.counts = CallerCounts()
        self.states: list[tuple[float, str]] = []
        self._net_rng = sim.rng("caller-network")
        self._wait_rng = sim.rng("backoff")
        self._note_state()

    def _clock(self) -> float:
        return self.sim.now

    def _note_state(self) -> None:
        if self.breaker is None:
            return
        state = self.breaker.state
        if not self.states or self.states[-1][1] != state:
            self.states.append((self.sim.now, state))

    def request(self) -> None:
        """Start one request now."""
        if self.budget is not None:
            self.budget.record_request()
        self._attempt(self.sim.now, 1, 0.0)

    def _attempt(self, start: float, number: int, previous: float) -> None:
        if self.breaker is not None:
            allowed = self.breaker.try_acquire()
            self._note_state()
            if not allowed:
                self._finish(start, "short-circuited", number)
                return
        self.counts.attempts += 1
        sent = self.sim.now
        answered = [False]

        def timed_out() -> None:
            answered[0] = True
            self._failed(start, number, previous, self.policy.timeout, "timeout")

        timer = self.sim.schedule(self.policy.timeout, timed_out)

        def arrived_back(ok: bool) -> None:
            if answered[0]:
                self.counts.late_answers += 1
                return
            answered[0] = True
            timer.cancel()
            duration = self.sim.now - sent
            if ok:
                self._succeeded(start, number, duration)
            else:
                self._failed(start, number, previous, duration, "error")

        def reply(ok: bool) -> None:
            self.sim.schedule(self._hop(), lambda: arrived_back(ok))

        self.sim.schedule(self._hop(), lambda: self.downstream.submit(reply))

    def _hop(self) -> float:
        return self.network.sample(self._net_rng)

    def _succeeded(self, start: float, number: int, duration: float) -> None:
        if self.breaker is not None:
            self.breaker.on_success(duration)
            self._note_state()
        if self.budget is not None:
            self.budget.record_success()
        self._finish(start, "ok", number)

    def _failed(
        self, start: float, number: int, previous: float, duration: float, why: Outcome
    ) -> None:
        if self.breaker is not None:
            self.breaker.on_error(duration)
            self._note_state()
        if self.budget is not None:
            self.budget.record_failure()
        if number >= self.policy.attempts:
            self._finish(start, why, number)
            return
        if self.budget is not None and not self.budget.try_retry():
            self.counts.retries_refused_by_budget += 1
            self._finish(start, why, number)
            return
        self.counts.retries += 1
        pause = self.policy.wait(number, previous, self._wait_rng)
        self.sim.schedule(pause, lambda: self._attempt(start, number + 1, pause))

    def _finish(self, start: float, outcome: Outcome, attempts: int) -> None:
        self.finished.append(Finished(start, self.sim.now, outcome, attempts))
