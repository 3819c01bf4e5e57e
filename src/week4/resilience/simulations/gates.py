"""What a simulated caller needs from a circuit breaker and a retry budget.

A simulation cannot block on `CircuitBreaker.call`: a call's outcome arrives later,
as an event. So callers use the breaker's non-blocking half: ask for a permit, then report
the outcome with its duration. The chapter's `CircuitBreaker` and retry budgets are used as
they are; this protocol only names what the simulations call.
"""

from __future__ import annotations

from typing import Protocol

from week4.resilience.retry.budgets import RetryBudget

#: A retry budget, as the callers use it (the chapter's own protocol).
Budget = RetryBudget


class Gate(Protocol):
    """A circuit breaker seen from a caller that cannot block."""

    @property
    def state(self) -> str:
        """``"closed"``, ``"open"``, ``"half_open"`` (or forced/disabled states)."""
        ...

    def try_acquire(self) -> bool:
        """True if a call may go ahead now (the breaker counts it as permitted)."""
        ...

    def on_success(self, duration: float) -> None:
        """Record a permitted call that succeeded after ``duration`` ms."""
        ...

    def on_error(self, duration: float) -> None:
        """Record a permitted call that failed after ``duration`` ms."""
        ...
