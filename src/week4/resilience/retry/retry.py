"""The retry loop: attempts, waits, stops, ``Retry-After`` and budgets, sync and asyncio.

See :class:`Retry`. Models: tenacity (composable strategies, injectable sleep), resilience4j's
``Retry`` and Polly's retry strategy (retry on chosen exceptions or results; after the last
attempt the last exception is raised, or the last result returned), gRPC A6 (server
pushback: a negative delay means "do not retry").
"""

from __future__ import annotations

import asyncio
import inspect
import random
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from week4.errors import ParameterError
from week4.resilience._checks import whole
from week4.resilience.retry.budgets import RetryBudget
from week4.resilience.retry.options import (
    RetryOn,
    check_callables,
    check_rng_and_budget,
    either,
    retryable,
)
from week4.resilience.retry.outcomes import RetryScheduled, retry_after_of
from week4.resilience.retry.stops import Stop, StopAfterAttempts
from week4.resilience.retry.waits import FullJitter, Wait

P = ParamSpec("P")
T = TypeVar("T")


class Retry:
    """Call a function again when it fails, with waits in between, until told to stop.

    The first attempt counts: ``max_attempts=3`` is one call and up to two retries. An
    exception is retried when ``retry_on`` says so (a tuple of classes, or a predicate), a
    returned value when ``retry_if_result`` is true for it. Before each retry the delay is
    ``wait(attempt, previous, rng)``, unless the exception or result carries a
    ``retry_after`` (``honour_retry_after``): then that is the delay, and a negative one
    means "do not retry" (gRPC A6's server pushback). The retry is abandoned when ``stop``
    says so (given attempts made, time elapsed and the next delay) or ``budget`` refuses.
    Giving up raises the last exception, or returns the last result.

    Args:
        max_attempts: attempts in all (None: no limit besides ``stop``).
        wait: a :class:`~week4.resilience.retry.waits.Wait` (default: full jitter, base
            0.1, cap 10, in the clock's unit: seconds for the default clock).
        stop: an extra :class:`~week4.resilience.retry.stops.Stop` (OR-ed with the limit).
        retry_on: exception classes (default ``Exception``) or a predicate.
        retry_if_result: a predicate on returned values (None: results are never retried).
        honour_retry_after: use a ``retry_after`` attribute as the delay.
        budget: a :class:`~week4.resilience.retry.budgets.RetryBudget` (None: unbounded).
        clock: the time source (default ``time.monotonic``; inject a fake in tests).
        sleep: how to wait (default ``time.sleep``); ``async_sleep`` for :meth:`call_async`.
        rng: the random stream for jitter (default: a fresh ``random.Random()``).
        on_retry: called with a :class:`RetryScheduled` before each sleep.

    Examples:
        >>> from week4.resilience.retry.waits import Exponential
        >>> slept, outcomes = [], iter([OSError("down"), OSError("down"), "ok"])
        >>> def flaky():
        ...     outcome = next(outcomes)
        ...     if isinstance(outcome, Exception):
        ...         raise outcome
        ...     return outcome
        >>> retry = Retry(max_attempts=3, wait=Exponential(base=100.0), sleep=slept.append)
        >>> retry.call(flaky), slept
        ('ok', [100.0, 200.0])
    """

    def __init__(
        self,
        max_attempts: int | None = 3,
        *,
        wait: Wait | Callable[[int, float, random.Random], float] | None = None,
        stop: Stop | Callable[[int, float, float], bool] | None = None,
        retry_on: RetryOn = (Exception,),
        retry_if_result: Callable[[Any], bool] | None = None,
        honour_retry_after: bool = True,
        budget: RetryBudget | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
        async_sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        rng: random.Random | None = None,
        on_retry: Callable[[RetryScheduled], object] | None = None,
    ) -> None:
        if max_attempts is None and stop is None:
            raise ParameterError("invalid max_attempts None: give a stop condition with it")
        self.max_attempts = None if max_attempts is None else whole("max_attempts", max_attempts)
        limit: Any = None if max_attempts is None else StopAfterAttempts(max_attempts)
        if stop is not None and limit is not None:
            limit = limit | stop if isinstance(stop, Stop) else either(limit, stop)
        self.stop = cast("Callable[[int, float, float], bool]", limit or stop)
        self.wait = FullJitter(0.1, 10.0) if wait is None else wait
        self._retryable = retryable(retry_on)
        check_callables(wait=self.wait, clock=clock, sleep=sleep, async_sleep=async_sleep)
        check_callables(optional=True, retry_if_result=retry_if_result, on_retry=on_retry)
        check_rng_and_budget(rng, budget)
        self.retry_if_result = retry_if_result
        self.honour_retry_after = honour_retry_after
        self.budget = budget
        self.clock = clock
        self.sleep = sleep
        self.async_sleep = async_sleep
        self.rng = random.Random() if rng is None else rng
        self.on_retry = on_retry

    def next_delay(
        self,
        attempt: int,
        previous: float,
        elapsed: float,
        error: BaseException | None = None,
        result: object = None,
    ) -> float | None:
        """The delay before attempt ``attempt + 1``, or None to give up (the policy alone).

        ``attempt`` failed with ``error`` (or returned ``result``, retried by
        ``retry_if_result``) after ``elapsed`` clock units since the first attempt began.
        A discrete-event simulation calls this instead of :meth:`call` and schedules the
        next attempt itself. The budget learns of the failure and pays for the retry.
        """
        if error is not None and not self._retryable(error):
            return None
        if self.budget is not None:
            self.budget.record_failure()
        delay = self.wait(attempt, previous, self.rng)
        if self.honour_retry_after:
            pushback = retry_after_of(error if error is not None else result)
            if pushback is not None:
                if pushback < 0:
                    return None
                delay = pushback
        if self.stop(attempt, elapsed, delay):
            return None
        if self.budget is not None and not self.budget.try_retry():
            return None
        if self.on_retry is not None:
            self.on_retry(RetryScheduled(attempt, delay, error, result))
        return delay

    def _succeeded(self, result: object) -> bool:
        predicate = self.retry_if_result
        return predicate is None or not predicate(result)

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Call ``fn(*args, **kwargs)``, retrying as configured."""
        budget = self.budget
        if budget is not None:
            budget.record_request()
        start = self.clock()
        attempt, previous = 1, 0.0
        while True:
            try:
                result = fn(*args, **kwargs)
            except Exception as error:
                delay = self.next_delay(attempt, previous, self.clock() - start, error)
                if delay is None:
                    raise
            else:
                if self._succeeded(result):
                    if budget is not None:
                        budget.record_success()
                    return result
                delay = self.next_delay(attempt, previous, self.clock() - start, None, result)
                if delay is None:
                    return result
            self.sleep(delay)
            attempt, previous = attempt + 1, delay

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(*args, **kwargs)``, retrying as configured (sleeping with ``async_sleep``)."""
        budget = self.budget
        if budget is not None:
            budget.record_request()
        start = self.clock()
        attempt, previous = 1, 0.0
        while True:
            try:
                result = await fn(*args, **kwargs)
            except Exception as error:
                delay = self.next_delay(attempt, previous, self.clock() - start, error)
                if delay is None:
                    raise
            else:
                if self._succeeded(result):
                    if budget is not None:
                        budget.record_success()
                    return result
                delay = self.next_delay(attempt, previous, self.clock() - start, None, result)
                if delay is None:
                    return result
            await self.async_sleep(delay)
            attempt, previous = attempt + 1, delay

    def __call__(self, fn: Callable[P, T]) -> Callable[P, T]:
        """Decorate ``fn`` (a function or a coroutine function) to retry every call."""
        if inspect.iscoroutinefunction(fn):
            coroutine = cast("Callable[P, Awaitable[Any]]", fn)

            @wraps(fn)
            async def retried_async(*args: P.args, **kwargs: P.kwargs) -> Any:
                return await self.call_async(coroutine, *args, **kwargs)

            return cast("Callable[P, T]", retried_async)

        @wraps(fn)
        def retried(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.call(fn, *args, **kwargs)

        return retried
