"""A snapshot of a breaker's window (resilience4j's ``CircuitBreaker.Metrics``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BreakerMetrics:
    """The current state's window when the snapshot was taken.

    Attributes:
        state: the breaker's state.
        calls: calls in the window (half-open: the trial calls so far).
        failures: failed calls among them.
        slow_calls: slow calls among them (successful or not).
        not_permitted: calls rejected since the breaker was made.
    """

    state: str
    calls: int
    failures: int
    slow_calls: int
    not_permitted: int

    @property
    def failure_rate(self) -> float:
        """``failures / calls`` (0.0 with no calls)."""
        return self.failures / self.calls if self.calls else 0.0

    @property
    def slow_call_rate(self) -> float:
        """``slow_calls / calls`` (0.0 with no calls)."""
        return self.slow_calls / self.calls if self.calls else 0.0
