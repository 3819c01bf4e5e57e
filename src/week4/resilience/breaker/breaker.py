"""The circuit breaker: resilience4j's state machine on an injected clock, and calls through it.

See :class:`CircuitBreaker`. Sources: resilience4j's ``CircuitBreakerStateMachine`` and its
documentation (https://resilience4j.readme.io/docs/circuitbreaker); Michael Nygard,
*Release It!* (2007); pybreaker for the State pattern and listener hooks.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from week4.resilience.breaker.config import BreakerConfig, check_clock
from week4.resilience.breaker.machine import BreakerStateMachine
from week4.resilience.breaker.windows import SUCCESS
from week4.resilience.errors import CircuitOpenError

P = ParamSpec("P")
T = TypeVar("T")


class CircuitBreaker(BreakerStateMachine):
    """A circuit breaker with resilience4j's semantics and parameter meanings.

    Closed, it permits every call and records each outcome in a sliding window (the last
    ``window_size`` calls, or the calls of the last ``window_size`` clock units). Once the
    window holds ``minimum_calls`` calls, it opens when the failure rate or the slow-call
    rate is greater than or equal to its threshold. Open, it rejects calls with
    :class:`CircuitOpenError` without making them. After ``wait_duration`` the next call
    moves it to half-open, which permits ``half_open_calls`` trial calls, rejects the rest,
    and decides on their rates once ``min(minimum_calls, half_open_calls)`` of them ended:
    closed (with a fresh window) or open again. It is never stuck half-open: a trial call
    that ends without an outcome (an ignored exception, a cancellation, :meth:`release`)
    returns its permit, and ``max_wait_in_half_open`` (if not 0) reopens it after that long.
    ``forced_open`` rejects everything and ``disabled`` permits everything until moved by
    hand (:meth:`transition_to`, :meth:`reset`).

    Args:
        window: ``"count"`` or ``"time"``.
        window_size: calls (count) or clock units (time, buckets of one unit).
        minimum_calls: calls in the window before rates are evaluated.
        failure_rate_threshold: failure rate in (0, 1] that opens the breaker.
        slow_call_duration: a call longer than this is slow (None: no call is slow).
        slow_call_rate_threshold: slow-call rate in (0, 1] that opens the breaker.
        wait_duration: clock units to stay open before a trial call, or a function of the
            number of times the breaker opened in a row (1, 2, ...; closing resets it)
            returning them, to back off (resilience4j's ``waitIntervalFunctionInOpenState``).
        half_open_calls: trial calls permitted half-open.
        clock: returns the time in any unit (all durations in that unit); the default is
            ``time.monotonic`` for real use; simulations and tests inject theirs.
        name: for messages and events.
        max_wait_in_half_open: reopen after this long half-open (0: wait for the trials).
        record_exceptions: exception classes that count as failures (others: successes).
        ignore_exceptions: exception classes that count as nothing (so do BaseExceptions
            that are not Exceptions, such as ``asyncio.CancelledError``).
        record_result: a predicate: a returned value that counts as a failure.

    Examples:
        >>> now = [0.0]
        >>> b = CircuitBreaker(window_size=4, minimum_calls=2, wait_duration=10.0,
        ...                    half_open_calls=1, clock=lambda: now[0])
        >>> b.on_error(1.0); b.on_error(1.0); b.state
        'open'
        >>> b.try_acquire(), b.state
        (False, 'open')
        >>> now[0] = 10.0
        >>> b.call(lambda: "ok"), b.state
        ('ok', 'closed')
    """

    def __init__(
        self,
        *,
        window: str = "count",
        window_size: float = 100,
        minimum_calls: int = 100,
        failure_rate_threshold: float = 0.5,
        slow_call_duration: float | None = None,
        slow_call_rate_threshold: float = 1.0,
        wait_duration: float | Callable[[int], float] = 60.0,
        half_open_calls: int = 10,
        clock: Callable[[], float] = time.monotonic,
        name: str = "breaker",
        max_wait_in_half_open: float = 0.0,
        record_exceptions: tuple[type[BaseException], ...] = (Exception,),
        ignore_exceptions: tuple[type[BaseException], ...] = (),
        record_result: Callable[[Any], bool] | None = None,
    ) -> None:
        config = BreakerConfig(
            window,
            window_size,
            minimum_calls,
            failure_rate_threshold,
            slow_call_duration,
            slow_call_rate_threshold,
            wait_duration,
            half_open_calls,
            max_wait_in_half_open,
            record_exceptions,
            ignore_exceptions,
            record_result,
        )
        super().__init__(config, check_clock(clock), name)

    # -- calling through the breaker -------------------------------------------------------

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Call ``fn(*args, **kwargs)`` if permitted; raise :class:`CircuitOpenError` if not."""
        window = self._fast_window
        if window is not None:  # closed, count window, nobody listening: no clock reads
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:
                self.on_error(0.0, error)
                raise
            with self._lock:
                if window is self._fast_window and window.skip_success():
                    return result
                self._state.record(SUCCESS, None)
            return result
        if not self._closed:  # closed permits every call and tells no listener about it
            self._admit()
        clock = self.clock
        start = clock()
        try:
            result = fn(*args, **kwargs)
        except BaseException as error:
            self.on_error(clock() - start, error)
            raise
        end = clock()
        predicate = self.config.record_result
        if predicate is not None and predicate(result):
            self.on_error(end - start, None)
            return result
        with self._lock:  # _finish, inlined: this is every guarded call's path
            self._record(False, end - start, None, end)
        if self._pending:
            self._flush()
        return result

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(*args, **kwargs)`` through the breaker (a cancellation records nothing)."""
        self._admit()
        start = self.clock()
        try:
            result = await fn(*args, **kwargs)
        except BaseException as error:
            self.on_error(self.clock() - start, error)
            raise
        self._finish(result, start)
        return result

    def __call__(self, fn: Callable[P, T]) -> Callable[P, T]:
        """Decorate ``fn`` so that every call goes through the breaker."""

        @wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.call(fn, *args, **kwargs)

        return guarded

    def _admit(self) -> None:
        """Take a permit or raise CircuitOpenError (with the state that refused)."""
        with self._lock:
            if self._acquire():
                rejection = None
            else:
                state = self._state
                rejection = CircuitOpenError(self.name, state.name, state.retry_after())
        if self._pending:
            self._flush()
        if rejection is not None:
            raise rejection

    def _finish(self, result: object, start: float) -> None:
        """Record a call that returned: a success, unless ``record_result`` says otherwise."""
        end = self.clock()
        predicate = self.config.record_result
        if predicate is not None and predicate(result):
            self.on_error(end - start, None)
            return
        with self._lock:
            self._record(False, end - start, None, end)
        if self._pending:
            self._flush()
