"""Retrying: wait strategies, stop conditions, the retry loop and retry budgets."""

from week4.resilience.retry.budgets import PercentageBudget, RetryBudget, TokenBucketThrottle
from week4.resilience.retry.outcomes import RetryScheduled, retry_after_of
from week4.resilience.retry.retry import Retry
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
    "PercentageBudget",
    "Retry",
    "RetryBudget",
    "RetryScheduled",
    "Stop",
    "StopAfterAttempts",
    "StopAfterDelay",
    "StopAll",
    "StopAny",
    "StopNever",
    "TokenBucketThrottle",
    "Wait",
    "WaitSum",
    "retry_after_of",
]
