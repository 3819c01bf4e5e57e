"""A circuit breaker's settings, checked once: resilience4j's ``CircuitBreakerConfig``.

Every duration is in the unit of the breaker's clock. The defaults are resilience4j's
(a count window of 100 calls, at least 100 calls before a decision, a 50 % failure-rate
threshold, 60 units open, 10 trial calls half-open), except ``slow_call_duration``: None
means no call counts as slow (resilience4j's default threshold is 60 seconds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from week4.errors import ParameterError
from week4.resilience._checks import choice, number, rate, whole

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class BreakerConfig:
    """The validated settings (see :class:`~week4.resilience.CircuitBreaker` for meanings)."""

    window: str = "count"
    window_size: float = 100
    minimum_calls: int = 100
    failure_rate_threshold: float = 0.5
    slow_call_duration: float | None = None
    slow_call_rate_threshold: float = 1.0
    wait_duration: float | Callable[[int], float] = 60.0
    half_open_calls: int = 10
    max_wait_in_half_open: float = 0.0
    record_exceptions: tuple[type[BaseException], ...] = (Exception,)
    ignore_exceptions: tuple[type[BaseException], ...] = ()
    record_result: Callable[[Any], bool] | None = None

    def __post_init__(self) -> None:
        choice("window", self.window, ("count", "time"))
        if self.window == "count":
            whole("window_size", self.window_size)  # type: ignore[arg-type]
        else:
            number("window_size", self.window_size, minimum=1.0)
        whole("minimum_calls", self.minimum_calls)
        rate("failure_rate_threshold", self.failure_rate_threshold)
        if self.slow_call_duration is not None:
            number("slow_call_duration", self.slow_call_duration)
        rate("slow_call_rate_threshold", self.slow_call_rate_threshold)
        if not callable(self.wait_duration):
            number("wait_duration", self.wait_duration)
        whole("half_open_calls", self.half_open_calls)
        number("max_wait_in_half_open", self.max_wait_in_half_open)
        for name in ("record_exceptions", "ignore_exceptions"):
            kinds = getattr(self, name)
            if not isinstance(kinds, tuple) or not all(
                isinstance(kind, type) and issubclass(kind, BaseException) for kind in kinds
            ):
                raise ParameterError(
                    f"invalid {name} {kinds!r}: expected a tuple of exception classes"
                )
        if self.record_result is not None and not callable(self.record_result):
            raise ParameterError(
                f"invalid record_result {self.record_result!r}: expected a predicate or None"
            )

    def open_wait(self, opening: int) -> float:
        """How long to stay open the ``opening``-th time in a row (1 for the first).

        A number is the same every time; a function of ``opening`` backs off, as
        resilience4j's ``waitIntervalFunctionInOpenState`` does.
        """
        wait = self.wait_duration
        if not callable(wait):
            return wait
        value = wait(opening)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value < math.inf
        ):
            raise ParameterError(
                f"invalid wait_duration({opening}) = {value!r}: expected a number >= 0"
            )
        return float(value)

    @property
    def closed_minimum(self) -> int:
        """Calls needed before the closed state decides (resilience4j's rule).

        A count window never holds more than ``window_size`` calls, so the minimum is
        capped at it; a time window keeps ``minimum_calls`` as is.
        """
        if self.window == "count":
            return min(self.minimum_calls, int(self.window_size))
        return self.minimum_calls

    @property
    def half_open_minimum(self) -> int:
        """Trial calls needed before half-open decides: ``min(minimum_calls, half_open_calls)``.

        resilience4j's ``CircuitBreakerMetrics.forHalfOpen`` builds a count window of
        ``half_open_calls`` calls, so a ``minimum_calls`` larger than ``half_open_calls``
        can never leave the breaker stuck half-open waiting for calls it will not permit.
        """
        return min(self.minimum_calls, self.half_open_calls)


def check_clock(clock: object) -> Clock:
    """The clock, checked to be callable."""
    if not callable(clock):
        raise ParameterError(f"invalid clock {clock!r}: expected a callable returning a number")
    return clock
