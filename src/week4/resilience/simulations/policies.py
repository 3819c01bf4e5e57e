"""The caller policies the simulations compare, built from the chapter's components.

Each policy is a `Policy`: attempts, a wait, a
timeout, and factories for a `CircuitBreaker` and a retry budget
that take the run's virtual clock (ms).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from week4.resilience.breaker import CircuitBreaker
from week4.resilience.retry.budgets import TokenBucketThrottle
from week4.resilience.retry.waits import FullJitter, NoWait
from week4.resilience.simulations.callers import Policy
from week4.resilience.simulations.gates import Budget, Gate


@dataclass(frozen=True)
class BreakerSettings:
    """The breaker's knobs, in resilience4j's terms (times in ms).

    Attributes:
        failure_rate_threshold: The failure rate that opens it.
        window_size: The count window's size (calls).
        minimum_calls: Calls recorded before it may open.
        wait_duration: How long it stays open before trial calls (ms).
        half_open_calls: Trial calls permitted half-open.
        slow_call_duration: A call longer than this counts as slow (ms); None: never.
        slow_call_rate_threshold: The slow-call rate that opens it.
    """

    failure_rate_threshold: float = 0.5
    window_size: int = 50
    minimum_calls: int = 20
    wait_duration: float = 1000.0
    half_open_calls: int = 5
    slow_call_duration: float | None = None
    slow_call_rate_threshold: float = 1.0

    def factory(self) -> Callable[[Callable[[], float]], Gate]:
        """Builds a breaker with these settings on a run's clock."""

        def build(clock: Callable[[], float]) -> Gate:
            return CircuitBreaker(
                window="count",
                window_size=self.window_size,
                minimum_calls=self.minimum_calls,
                failure_rate_threshold=self.failure_rate_threshold,
                slow_call_duration=self.slow_call_duration,
                slow_call_rate_threshold=self.slow_call_rate_threshold,
                wait_duration=self.wait_duration,
                half_open_calls=self.half_open_calls,
                clock=clock,
            )

        return build


def budget_factory() -> Callable[[Callable[[], float]], Budget]:
    """The gRPC A6 retry throttling with its example settings: 10 tokens, 0.1 per success."""

    def build(clock: Callable[[], float]) -> Budget:  # noqa: ARG001 - tokens need no clock
        return TokenBucketThrottle(max_tokens=10.0, token_ratio=0.1)

    return build


def storm_policies(timeout: float, attempts: int) -> list[Policy]:
    """No retries; retries; each protection alone; jitter, budget and breaker together."""
    jitter = FullJitter(base=10.0, cap=1000.0)
    breaker = BreakerSettings().factory()
    budget = budget_factory()
    return [
        Policy("no retries", 1, NoWait(), timeout),
        Policy("retries", attempts, NoWait(), timeout),
        Policy("retries + jitter", attempts, jitter, timeout),
        Policy("retries + budget", attempts, NoWait(), timeout, budget=budget),
        Policy("retries + breaker", attempts, NoWait(), timeout, breaker=breaker),
        Policy("jitter + budget + breaker", attempts, jitter, timeout, breaker, budget),
    ]


def outage_policies(
    timeout: float, attempts: int, breaker: BreakerSettings, jitter_base: float = 10.0
) -> list[Policy]:
    """The four callers of the outage: none, retries, a breaker, breaker + budgeted retries."""
    wait = FullJitter(base=jitter_base, cap=1000.0)
    build = breaker.factory()
    return [
        Policy("no protection", 1, NoWait(), timeout),
        Policy("retries", attempts, wait, timeout),
        Policy("breaker", 1, NoWait(), timeout, breaker=build),
        Policy("breaker + budgeted retries", attempts, wait, timeout, build, budget_factory()),
    ]
