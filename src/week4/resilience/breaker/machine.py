"""The breaker's state machine and its non-calling API, for simulations and other drivers.

After resilience4j's ``CircuitBreakerStateMachine``: permits, outcomes, manual transitions,
listeners and metrics. :class:`~week4.resilience.CircuitBreaker` adds the calling API on
top. Everything here runs under one lock; listeners run after it is released, in the order
the events happened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from week4.errors import ParameterError
from week4.resilience.breaker.config import BreakerConfig
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
from week4.resilience.breaker.windows import (
    FAILURE,
    SLOW_SUCCESS,
    SUCCESS,
    CountWindow,
)

STATES = ("closed", "open", "half_open", "forced_open", "disabled")


class BreakerStateMachine:
    """States, transitions and outcomes, driven without making calls (simulations do)."""

    def __init__(self, config: BreakerConfig, clock: Callable[[], float], name: str) -> None:
        self.config = config
        self.clock = clock
        self.name = name
        self.not_permitted = 0
        self._lock = threading.Lock()
        self._delivery = threading.Lock()  # one thread delivers events at a time
        self._delivering = threading.local()
        self._listeners: list[Listener] = []
        self._pending: list[BreakerEvent] = []
        self._needs_now = config.window == "time" or config.slow_call_duration is not None
        self._state: BreakerState = Closed(self)
        self._fast_window: CountWindow | None = None
        self._closed = True
        self._update_fast_path()

    @property
    def state(self) -> str:
        """``"closed"``, ``"open"``, ``"half_open"``, ``"forced_open"`` or ``"disabled"``."""
        return self._state.name

    def transition(self, state: BreakerState, now: float | None = None) -> None:
        """Make ``state`` current (called by the states, with the lock held)."""
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
            target: BreakerState
            if state == "closed":
                target = Closed(self)
            elif state == "open":
                target = Open(self, self._state.window, now, self._state.openings + 1)
            elif state == "half_open":
                target = HalfOpen(self, now, self._state.openings)
            elif state == "forced_open":
                target = ForcedOpen(self, CountWindow(1))
            else:
                target = Disabled(self, CountWindow(1))
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
        """Deliver queued events, one thread at a time, in the order they happened.

        A listener that calls the breaker queues more events; they are delivered after
        the current ones, by the same loop (never out of order, never recursively).
        """
        if not self._pending or getattr(self._delivering, "active", False):
            return
        with self._delivery:
            self._delivering.active = True
            try:
                while True:
                    with self._lock:
                        events, self._pending = self._pending, []
                        listeners = tuple(self._listeners)
                    if not events:
                        return
                    for event in events:
                        for listener in listeners:
                            listener(event)
            finally:
                self._delivering.active = False

    def _update_fast_path(self) -> None:
        """Enable ``call``'s fast path: closed, a count window, nothing slow, nobody listening."""
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
        self._closed = type(self._state) is Closed  # permits without asking (or a lock)

    # -- the non-calling API ---------------------------------------------------------------

    def try_acquire(self) -> bool:
        """Ask to make a call; False means "rejected" (resilience4j's tryAcquirePermission)."""
        with self._lock:
            permitted = self._acquire()
        self._flush()
        return permitted

    def _acquire(self) -> bool:  # the lock is held
        if self._state.try_acquire():
            return True
        self.not_permitted += 1
        state = self._state.name
        self.emit(lambda at: CallNotPermitted(self.name, state, at), None)
        return False

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
        """A permitted call failed after ``duration``; ``error`` is classified if given.

        An ignored exception (``ignore_exceptions``, or a BaseException that is not an
        Exception, such as a cancellation) returns the permit and records nothing; one
        outside ``record_exceptions`` counts as a success.
        """
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

    def _record(
        self,
        failed: bool,
        duration: float,
        error: BaseException | None,
        now: float | None = None,
    ) -> None:  # the lock is held
        limit = self.config.slow_call_duration
        slow = limit is not None and duration > limit
        if now is None and (self._needs_now or self._listeners):
            now = self.clock()
        if self._listeners:
            if failed:
                self.emit(lambda at: CallFailed(self.name, duration, slow, error, at), now)
            else:
                self.emit(lambda at: CallSucceeded(self.name, duration, slow, at), now)
        self._state.record((FAILURE if failed else SUCCESS) + (SLOW_SUCCESS if slow else 0), now)
