"""The breaker's states, one class each (the State pattern, as in pybreaker).

Each state answers three questions for the breaker that holds it: may a call go ahead
(:meth:`BreakerState.try_acquire`), a permitted call ended with this outcome
(:meth:`BreakerState.record`), a permitted call ended without an outcome
(:meth:`BreakerState.release`). The semantics are resilience4j's ``ClosedState``,
``OpenState``, ``HalfOpenState``, ``ForcedOpenState`` and ``DisabledState``. The breaker
calls these methods with its lock held.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol

from week4.resilience.breaker.config import BreakerConfig
from week4.resilience.breaker.events import (
    BreakerEvent,
    FailureRateExceeded,
    SlowCallRateExceeded,
)
from week4.resilience.breaker.windows import CountWindow, TimeWindow


class Machine(Protocol):
    """What a state needs from the breaker that holds it."""

    config: BreakerConfig
    name: str

    def clock(self) -> float:
        """The breaker's time."""

    def emit(self, make: Callable[[float], BreakerEvent], now: float | None) -> None:
        """Queue an event for the listeners."""

    def transition(self, state: BreakerState, now: float | None = None) -> None:
        """Make ``state`` current."""


class BreakerState:
    """What every state does by default: permit nothing, record nothing."""

    name: ClassVar[str] = ""
    __slots__ = ("breaker", "minimum", "openings", "window")

    def __init__(
        self, breaker: Machine, window: CountWindow | TimeWindow, openings: int = 0
    ) -> None:
        self.breaker = breaker
        self.window = window
        self.minimum = breaker.config.closed_minimum
        self.openings = openings  # times opened in a row: closing starts again at 0

    def try_acquire(self) -> bool:
        """Whether a call may go ahead now (taking a permit if the state counts them)."""
        return False

    def release(self) -> None:
        """Give back a permit taken by a call that ended without an outcome."""

    def record(self, code: int, now: float | None) -> None:
        """A permitted call ended with outcome ``code`` at ``now`` (None: not read)."""

    def retry_after(self) -> float | None:
        """Clock units until a call may be permitted again, if the state knows."""
        return None


class Closed(BreakerState):
    """Permits every call; trips to open when a rate reaches its threshold."""

    name = "closed"
    __slots__ = ()

    def __init__(self, breaker: Machine) -> None:
        config = breaker.config
        window: CountWindow | TimeWindow
        if config.window == "count":
            window = CountWindow(int(config.window_size))
        else:
            window = TimeWindow(config.window_size)
        super().__init__(breaker, window)

    def try_acquire(self) -> bool:
        """Always."""
        return True

    def record(self, code: int, now: float | None) -> None:
        """Add the outcome to the window; open if a threshold is reached."""
        breaker = self.breaker
        window = self.window
        if now is None and isinstance(window, TimeWindow):
            now = breaker.clock()
        at = 0.0 if now is None else now  # a count window ignores the time
        calls, failures, slow_calls = window.record(code, at)
        if calls < self.minimum or calls == 0:
            return
        config = breaker.config
        failure, slow = failures / calls, slow_calls / calls
        tripped = False
        if failure >= config.failure_rate_threshold:
            breaker.emit(lambda at: FailureRateExceeded(breaker.name, failure, at), now)
            tripped = True
        if slow >= config.slow_call_rate_threshold:
            breaker.emit(lambda at: SlowCallRateExceeded(breaker.name, slow, at), now)
            tripped = True
        if tripped:
            breaker.transition(Open(breaker, self.window, now, openings=1))


class Open(BreakerState):
    """Rejects calls until ``wait_duration`` passed; then the next call goes half-open."""

    name = "open"
    __slots__ = ("retry_at",)

    def __init__(
        self,
        breaker: Machine,
        window: CountWindow | TimeWindow,
        now: float | None = None,
        openings: int = 1,
    ) -> None:
        super().__init__(breaker, window, openings)
        opened_at = breaker.clock() if now is None else now
        self.retry_at = opened_at + breaker.config.open_wait(openings)

    def try_acquire(self) -> bool:
        """After the wait, move to half-open and ask it; before, refuse."""
        breaker = self.breaker
        now = breaker.clock()
        if now < self.retry_at:
            return False
        half_open = HalfOpen(breaker, now, self.openings)
        breaker.transition(half_open, now)
        return half_open.try_acquire()

    def retry_after(self) -> float | None:
        """Clock units left before the next call is let through as a trial."""
        return max(0.0, self.retry_at - self.breaker.clock())


class HalfOpen(BreakerState):
    """Permits ``half_open_calls`` trial calls; their rates close or reopen the breaker."""

    name = "half_open"
    __slots__ = ("entered_at", "permits")

    def __init__(self, breaker: Machine, now: float, openings: int = 0) -> None:
        config = breaker.config
        super().__init__(breaker, CountWindow(config.half_open_calls), openings)
        self.minimum = config.half_open_minimum
        self.permits = config.half_open_calls
        self.entered_at = now

    def try_acquire(self) -> bool:
        """Take one of the trial permits, if any is left (and the wait is not over)."""
        breaker = self.breaker
        limit = breaker.config.max_wait_in_half_open
        if limit:
            now = breaker.clock()
            if now >= self.entered_at + limit:
                reopened = Open(breaker, self.window, now, self.openings + 1)
                breaker.transition(reopened, now)
                return False
        if self.permits > 0:
            self.permits -= 1
            return True
        return False

    def release(self) -> None:
        """A trial call ended without an outcome: its permit may be used again."""
        self.permits = min(self.permits + 1, self.breaker.config.half_open_calls)

    def record(self, code: int, now: float | None) -> None:
        """Add a trial outcome; once ``minimum`` trials ended, close or reopen."""
        calls, failures, slow_calls = self.window.record(code, 0.0)
        if calls < self.minimum:
            return
        breaker = self.breaker
        config = breaker.config
        if (
            failures / calls >= config.failure_rate_threshold
            or slow_calls / calls >= config.slow_call_rate_threshold
        ):
            breaker.transition(Open(breaker, self.window, now, self.openings + 1), now)
        else:
            breaker.transition(Closed(breaker), now)


class ForcedOpen(BreakerState):
    """Rejects every call until the breaker is moved out of it by hand."""

    name = "forced_open"
    __slots__ = ()


class Disabled(BreakerState):
    """Permits every call and records nothing (resilience4j's DISABLED)."""

    name = "disabled"
    __slots__ = ()

    def try_acquire(self) -> bool:
        """Always."""
        return True
