"""Checks and small adapters for the retry loop's options (one-line ParameterErrors)."""

from __future__ import annotations

import random
from collections.abc import Callable

from week4.errors import ParameterError

RetryOn = tuple[type[BaseException], ...] | Callable[[BaseException], bool]
StopFunction = Callable[[int, float, float], bool]


def retryable(retry_on: RetryOn) -> Callable[[BaseException], bool]:
    """A predicate from exception classes (a tuple) or a predicate.

    Examples:
        >>> retryable((OSError,))(ConnectionError()), retryable((OSError,))(KeyError())
        (True, False)
    """
    if isinstance(retry_on, tuple):
        if all(isinstance(kind, type) and issubclass(kind, BaseException) for kind in retry_on):
            kinds = retry_on
            return lambda error: isinstance(error, kinds)
    elif callable(retry_on):
        return retry_on
    raise ParameterError(
        f"invalid retry_on {retry_on!r}: expected exception classes or a predicate"
    )


def check_callables(*, optional: bool = False, **values: object) -> None:
    """Refuse any value that is not callable (None is allowed when ``optional``)."""
    for name, value in values.items():
        if not callable(value) and not (optional and value is None):
            raise ParameterError(f"invalid {name} {value!r}: expected a callable")


def check_rng_and_budget(rng: object, budget: object) -> None:
    """``rng`` is None or a ``random.Random``; ``budget`` None or a RetryBudget."""
    if rng is not None and not isinstance(rng, random.Random):
        raise ParameterError(f"invalid rng {rng!r}: expected a random.Random")
    methods = ("record_request", "record_success", "record_failure", "try_retry")
    if budget is not None and not all(callable(getattr(budget, m, None)) for m in methods):
        raise ParameterError(f"invalid budget {budget!r}: expected a RetryBudget")


def either(first: StopFunction, second: StopFunction) -> StopFunction:
    """A stop function that stops when either of two stops."""

    def stop(attempts: int, elapsed: float, next_delay: float) -> bool:
        return first(attempts, elapsed, next_delay) or second(attempts, elapsed, next_delay)

    return stop
