"""Runtime errors of the resilience components (not input errors).

A rejected call is not bad input: it is the component doing its job. These errors form
their own family under :class:`ResilienceError` (an ``Exception``), apart from
:class:`week4.errors.Week4Error`, which the components raise only for bad constructor
arguments (as :class:`week4.errors.ParameterError`).
"""

from __future__ import annotations


class ResilienceError(Exception):
    """Base class of the errors a resilience component raises instead of calling."""


class CircuitOpenError(ResilienceError):
    """The circuit breaker did not permit the call (resilience4j's CallNotPermittedException).

    Attributes:
        state: the breaker's state when it refused ("open", "half_open" or "forced_open").
        retry_after: clock units until the breaker will let a trial call through (open
            state only; ``None`` otherwise), so a :class:`~week4.resilience.Retry` that
            honours ``retry_after`` waits exactly that long.
    """

    def __init__(self, name: str, state: str, retry_after: float | None = None) -> None:
        super().__init__(f"circuit breaker {name!r} is {state}: call not permitted")
        self.state = state
        self.retry_after = retry_after


class BulkheadFullError(ResilienceError):
    """The bulkhead was at its concurrency limit and its queue, if any, was full."""


class TimeoutExceededError(ResilienceError):
    """The call did not finish within the timeout (resilience4j's TimeLimiter)."""
