"""The circuit breaker: states, sliding windows, events and the breaker itself."""

from week4.resilience.breaker.breaker import CircuitBreaker
from week4.resilience.breaker.events import (
    BreakerEvent,
    BreakerReset,
    CallFailed,
    CallNotPermitted,
    CallSucceeded,
    ErrorIgnored,
    FailureRateExceeded,
    Listener,
    SlowCallRateExceeded,
    StateTransitioned,
)
from week4.resilience.breaker.metrics import BreakerMetrics

__all__ = [
    "BreakerEvent",
    "BreakerMetrics",
    "BreakerReset",
    "CallFailed",
    "CallNotPermitted",
    "CallSucceeded",
    "CircuitBreaker",
    "ErrorIgnored",
    "FailureRateExceeded",
    "Listener",
    "SlowCallRateExceeded",
    "StateTransitioned",
]
