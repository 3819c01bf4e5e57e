"""What a circuit breaker tells its listeners: one frozen event per transition and outcome.

The names follow resilience4j's event publisher (``onStateTransition``, ``onSuccess``,
``onError``, ``onIgnoredError``, ``onCallNotPermitted``, ``onReset``,
``onFailureRateExceeded``, ``onSlowCallRateExceeded``), as past-tense messages. ``at`` is the
breaker's clock when the event happened; durations are in the same unit. A listener is any
callable taking one event; it runs after the breaker released its lock, in the order the
events happened, so a listener may call the breaker (pybreaker's listener hooks are the
model; they make a trace for a timeline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StateTransitioned:
    """The breaker moved from one state to another."""

    breaker: str
    from_state: str
    to_state: str
    at: float


@dataclass(frozen=True, slots=True)
class CallSucceeded:
    """A permitted call returned (or raised an exception that is not recorded as a failure)."""

    breaker: str
    duration: float
    slow: bool
    at: float


@dataclass(frozen=True, slots=True)
class CallFailed:
    """A permitted call failed; ``error`` is the exception, if there was one."""

    breaker: str
    duration: float
    slow: bool
    error: BaseException | None
    at: float


@dataclass(frozen=True, slots=True)
class ErrorIgnored:
    """A call raised an ignored exception: neither success nor failure; its permit returned."""

    breaker: str
    duration: float
    error: BaseException | None
    at: float


@dataclass(frozen=True, slots=True)
class CallNotPermitted:
    """The breaker refused a call without making it."""

    breaker: str
    state: str
    at: float


@dataclass(frozen=True, slots=True)
class FailureRateExceeded:
    """The failure rate reached its threshold (the breaker opens next)."""

    breaker: str
    rate: float
    at: float


@dataclass(frozen=True, slots=True)
class SlowCallRateExceeded:
    """The slow-call rate reached its threshold (the breaker opens next)."""

    breaker: str
    rate: float
    at: float


@dataclass(frozen=True, slots=True)
class BreakerReset:
    """The breaker was reset to closed with an empty window."""

    breaker: str
    at: float


BreakerEvent = (
    StateTransitioned
    | CallSucceeded
    | CallFailed
    | ErrorIgnored
    | CallNotPermitted
    | FailureRateExceeded
    | SlowCallRateExceeded
    | BreakerReset
)
Listener = Callable[[BreakerEvent], object]
