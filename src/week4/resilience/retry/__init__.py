"""Retrying: wait strategies, stop conditions, the retry loop and retry budgets."""

from week4.resilience.retry.stops import (
    Stop,
    StopAfterAttempts,
    StopAfterDelay,
    StopAll,
    StopAny,
    StopNever,
)
from week4.resilience.retry.waits import (
    Capped,
    Constant,
    DecorrelatedJitter,
    EqualJitter,
    Exponential,
    FullJitter,
    NoWait,
    Wait,
    WaitSum,
)

__all__ = [
    "Capped",
    "Constant",
    "DecorrelatedJitter",
    "EqualJitter",
    "Exponential",
    "FullJitter",
    "NoWait",
    "Stop",
    "StopAfterAttempts",
    "StopAfterDelay",
    "StopAll",
    "StopAny",
    "StopNever",
    "Wait",
    "WaitSum",
]
