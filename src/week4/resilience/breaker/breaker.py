"""The circuit breaker: resilience4j's state machine on an injected clock.

See :class:`CircuitBreaker`. Sources: resilience4j's ``CircuitBreakerStateMachine`` and its
documentation (https://resilience4j.readme.io/docs/circuitbreaker); Michael Nygard,
*Release It!* (2007); pybreaker for the State pattern and listener hooks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from week4.errors import ParameterError
from week4.resilience.breaker.config import BreakerConfig, check_clock
from week4.resilience.breaker.events import (
    BreakerEvent,
    BreakerReset,
    CallFailed,
    CallNotPermitted,
    CallSucceeded,
    ErrorIgnored,
    Listener,
    StateTransitioned,
)
from week4.resilience.breaker.metrics import BreakerMetrics
from week4.resilience.breaker.states import (
    BreakerState,
    Closed,
    Disabled,
    ForcedOpen,
    HalfOpen,
    Open,
)
from week4.resilience.breaker.windows import SUCCESS, CountWindow, outcome
from week4.resilience.errors import CircuitOpenError

P = ParamSpec("P")
T = TypeVar("T")
STATES = ("closed", "open", "half_open", "forced_open", "disabled")


class CircuitBreaker:
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
        wait_duration: clock units to stay open before a trial call.
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
        wait_duration: float = 60.0,
        half_open_calls: int = 10,
        clock: Callable[[], float] = time.monotonic,
        name: str = "breaker",
        max_wait_in_half_open: float = 0.0,
        record_exceptions: tuple[type[BaseException], ...] = (Exception,),
        ignore_exceptions: tuple[type[BaseException], ...] = (),
        record_result: Callable[[Any], bool] | None = None,
    ) -> None:
        self.config = BreakerConfig(
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
        self.clock = check_clock(clock)
        self.name = name
        self.not_permitted = 0
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._pending: list[BreakerEvent] = []
        self._needs_now = window == "time" or slow_call_duration is not None
        self._state: BreakerState = Closed(self)
        self._fast_window: CountWindow | None = None
        self._update_fast_path()

    # -- state -----------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``"closed"``, ``"open"``, ``"half_open"``, ``"forced_open"`` or ``"disabled"``."""
        return self._state.name

    def transition(self, state: BreakerState, now: float | None = None) -> None:
        """Make ``state`` current (for the states; the lock is held)."""
        previous = self._state
        self._state = state
        self._update_fast_path()
        if previous.name != state.name:
            old, new = previous.name, state.name
            self.emit(lambda at: StateTransitioned(self.name, old, new, at), now)

    def transition_to(self, state: str) -> None:
        """Move to ``state`` by hand (resilience4j's ``transitionTo...State``)."""
        if state not in STATES:
            raise ParameterError(f"invalid state {state!r}: expected one of {', '.join(STATES)}")
        with self._lock:
            now = self.clock()
            current = self._state
            target: BreakerState
            if state == "closed":
                target = Closed(self)
            elif state == "open":
                target = Open(self, current.window, now)
            elif state == "half_open":
                target = HalfOpen(self, now)
            elif state == "forced_open":
                target = ForcedOpen(self, current.window)
            else:
                target = Disabled(self, current.window)
            self.transition(target, now)
        self._flush()

    def force_open(self) -> None:
        """Reject every call until moved out by hand."""
        self.transition_to("forced_open")

    def disable(self) -> None:
        """Permit every call and record nothing until moved out by hand."""
        self.transition_to("disabled")

    def reset(self) -> None:
        """Back to closed with an empty window (resilience4j's ``reset``)."""
        with self._lock:
            now = self.clock()
            self.transition(Closed(self), now)
            self.emit(lambda at: BreakerReset(self.name, at), now)
        self._flush()

    def metrics(self) -> BreakerMetrics:
        """The current state's window: calls, failures, slow calls, rates, rejections."""
        with self._lock:
            state = self._state
            calls, failures, slow = state.window.totals(self.clock())
            return BreakerMetrics(state.name, calls, failures, slow, self.not_permitted)

    # -- listeners -------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(event)`` for every transition and call outcome from now on."""
        with self._lock:
            self._listeners.append(listener)
            self._update_fast_path()

    def remove_listener(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        with self._lock:
            self._listeners.remove(listener)
            self._update_fast_path()

    def emit(self, make: Callable[[float], BreakerEvent], now: float | None) -> None:
        """Queue an event for the listeners, built only if someone listens (lock held)."""
        if self._listeners:
            self._pending.append(make(self.clock() if now is None else now))

    def _flush(self) -> None:
        if not self._pending:
            return
        with self._lock:
            events, self._pending = self._pending, []
            listeners = tuple(self._listeners)
        for event in events:
            for listener in listeners:
                listener(event)

    def _update_fast_path(self) -> None:
        config = self.config
        fast = (
            type(self._state) is Closed
            and config.window == "count"
            and config.slow_call_duration is None
            and config.record_result is None
            and not self._listeners
        )
        window = self._state.window
        self._fast_window = window if fast and isinstance(window, CountWindow) else None

    # -- the non-calling API (for simulations and other drivers) ---------------------------

    def try_acquire(self) -> bool:
        """Ask to make a call; False means "rejected" (resilience4j's tryAcquirePermission)."""
        with self._lock:
            permitted = self._state.try_acquire()
            if not permitted:
                self.not_permitted += 1
                state = self._state.name
                self.emit(lambda at: CallNotPermitted(self.name, state, at), None)
        self._flush()
        return permitted

    def release(self) -> None:
        """A permitted call ended without an outcome (cancelled): return its permit."""
        with self._lock:
            self._state.release()

    def on_success(self, duration: float = 0.0) -> None:
        """A permitted call succeeded after ``duration`` clock units."""
        with self._lock:
            self._record(False, duration, None)
        self._flush()

    def on_error(self, duration: float = 0.0, error: BaseException | None = None) -> None:
        """A permitted call failed after ``duration``; ``error`` is classified if given."""
        config = self.config
        with self._lock:
            if error is not None and (
                isinstance(error, config.ignore_exceptions) or not isinstance(error, Exception)
            ):
                self._state.release()
                self.emit(lambda at: ErrorIgnored(self.name, duration, error, at), None)
            else:
                failed = error is None or isinstance(error, config.record_exceptions)
                self._record(failed, duration, error)
        self._flush()

    def _record(self, failed: bool, duration: float, error: BaseException | None) -> None:
        slow = self.config.is_slow(duration)
        now = self.clock() if self._needs_now or self._listeners else None
        if self._listeners:
            if failed:
                self.emit(lambda at: CallFailed(self.name, duration, slow, error, at), now)
            else:
                self.emit(lambda at: CallSucceeded(self.name, duration, slow, at), now)
        self._state.record(outcome(failed, slow), now)

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
        if not self.try_acquire():
            raise self._rejection()
        start = self.clock()
        try:
            result = fn(*args, **kwargs)
        except BaseException as error:
            self.on_error(self.clock() - start, error)
            raise
        self._finish(result, self.clock() - start)
        return result

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(*args, **kwargs)`` through the breaker (a cancellation records nothing)."""
        if not self.try_acquire():
            raise self._rejection()
        start = self.clock()
        try:
            result = await fn(*args, **kwargs)
        except BaseException as error:
            self.on_error(self.clock() - start, error)
            raise
        self._finish(result, self.clock() - start)
        return result

    def __call__(self, fn: Callable[P, T]) -> Callable[P, T]:
        """Decorate ``fn`` so that every call goes through the breaker."""

        @wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.call(fn, *args, **kwargs)

        return guarded

    def _finish(self, result: object, duration: float) -> None:
        predicate = self.config.record_result
        if predicate is not None and predicate(result):
            self.on_error(duration, None)
        else:
            self.on_success(duration)

    def _rejection(self) -> CircuitOpenError:
        with self._lock:
            state = self._state
            return CircuitOpenError(self.name, state.name, state.retry_after())
