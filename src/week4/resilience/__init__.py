"""Resilience: retries with backoff and budgets, a circuit breaker, and guards.

The components are usable on their own, in any program: each takes its clock (and sleep,
and random stream, where it needs them) as an argument, so a test or a simulation drives it
in virtual time and gets an exact schedule. Nothing here reads the wall clock unless you
leave the default clock in place.

Examples:
    >>> from week4.resilience import CircuitBreaker, CircuitOpenError
    >>> now = [0.0]
    >>> b = CircuitBreaker(window_size=2, minimum_calls=2, wait_duration=5.0,
    ...                    half_open_calls=1, clock=lambda: now[0])
    >>> b.on_error(); b.on_error(); b.state
    'open'

Sources: resilience4j (https://resilience4j.readme.io/), Polly
(https://www.pollydocs.org/), gRPC A6 "Client Retries"
(https://github.com/grpc/proposal/blob/master/A6-client-retries.md), Marc Brooker,
"Exponential Backoff and Jitter" (AWS Architecture Blog, 2015), Finagle's retry budgets
(https://twitter.github.io/finagle/guide/Clients.html#retries), Jeffrey Dean and Luiz André
Barroso, "The Tail at Scale" (CACM, 2013).

Layout of the components (the chapter's simulations, figures and scenarios sit beside them):

- ``retry/``: wait strategies, stop conditions, the retry loop, retry budgets;
- ``breaker/``: the circuit breaker's states, sliding windows, events and metrics;
- ``guards/``: timeout, bulkhead, fallback, hedging, and the pipeline composing them.
"""

from week4.resilience.breaker import (
    BreakerEvent,
    BreakerMetrics,
    CircuitBreaker,
    StateTransitioned,
)
from week4.resilience.errors import (
    BulkheadFullError,
    CircuitOpenError,
    ResilienceError,
    TimeoutExceededError,
)
from week4.resilience.guards import (
    Bulkhead,
    Fallback,
    Hedging,
    HedgingPolicy,
    Pipeline,
    Timeout,
    decorate,
)
from week4.resilience.retry import (
    Constant,
    DecorrelatedJitter,
    EqualJitter,
    Exponential,
    FullJitter,
    NoWait,
    PercentageBudget,
    Retry,
    RetryBudget,
    RetryScheduled,
    Stop,
    StopAfterAttempts,
    StopAfterDelay,
    StopNever,
    TokenBucketThrottle,
    Wait,
)

__all__ = [
    "BreakerEvent",
    "BreakerMetrics",
    "Bulkhead",
    "BulkheadFullError",
    "CircuitBreaker",
    "CircuitOpenError",
    "Constant",
    "DecorrelatedJitter",
    "EqualJitter",
    "Exponential",
    "Fallback",
    "FullJitter",
    "Hedging",
    "HedgingPolicy",
    "NoWait",
    "PercentageBudget",
    "Pipeline",
    "ResilienceError",
    "Retry",
    "RetryBudget",
    "RetryScheduled",
    "StateTransitioned",
    "Stop",
    "StopAfterAttempts",
    "StopAfterDelay",
    "StopNever",
    "Timeout",
    "TimeoutExceededError",
    "TokenBucketThrottle",
    "Wait",
    "decorate",
]
