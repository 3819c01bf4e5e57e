"""Timeout: stop waiting for a call after a fixed duration (resilience4j's TimeLimiter).

Python cannot stop a running thread, so, like resilience4j's ``TimeLimiter`` on a
``Future``, the synchronous form runs the call on a worker thread and stops *waiting*:
the caller gets :class:`~week4.resilience.TimeoutExceededError` on time, the work may go
on in the background (``future.cancel()`` only stops it if it had not started). The
asyncio form cancels the task (Polly's optimistic timeout). Both measure real seconds
(a thread's wait, the event loop's clock); :meth:`Timeout.expired` is the same rule on any
clock, for simulations.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from week4.resilience._checks import number
from week4.resilience.errors import TimeoutExceededError

P = ParamSpec("P")
T = TypeVar("T")


class Timeout:
    """Give up waiting for a call after ``duration``.

    Args:
        duration: seconds for :meth:`call` and :meth:`call_async`; any clock unit for
            :meth:`expired`.
        executor: where :meth:`call` runs the work (default: a thread pool of its own,
            made on first use).

    Examples:
        >>> Timeout(2.0).expired(started=10.0, now=12.0)
        True
        >>> Timeout(2.0).call(lambda: "fast")
        'fast'
    """

    def __init__(
        self, duration: float, *, executor: concurrent.futures.Executor | None = None
    ) -> None:
        self.duration = number("duration", duration, strict=True)
        self._executor = executor
        self._lock = threading.Lock()

    def expired(self, started: float, now: float) -> bool:
        """Whether a call started at ``started`` has run out of time at ``now``."""
        return now - started >= self.duration

    def _pool(self) -> concurrent.futures.Executor:
        with self._lock:
            if self._executor is None:
                self._executor = concurrent.futures.ThreadPoolExecutor(
                    thread_name_prefix="week4-timeout"
                )
            return self._executor

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` on a worker thread; raise TimeoutExceededError if it is not done in time."""
        future = self._pool().submit(fn, *args, **kwargs)
        try:
            return future.result(timeout=self.duration)
        except concurrent.futures.TimeoutError:
            if future.done():  # finished in the instant between the wait and this check
                return future.result()
            future.cancel()
            raise TimeoutExceededError(f"call did not finish within {self.duration:g} s") from None

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(...)``, cancelled and TimeoutExceededError after ``duration`` seconds."""
        scope = asyncio.timeout(self.duration)
        try:
            async with scope:
                return await fn(*args, **kwargs)
        except TimeoutError:
            if scope.expired():
                raise TimeoutExceededError(
                    f"call did not finish within {self.duration:g} s"
                ) from None
            raise
