"""Stop conditions: when to give up retrying.

A stop is a small callable ``stop(attempts, elapsed, next_delay) -> bool``: ``attempts`` made
so far (>= 1), ``elapsed`` clock units since the first attempt started, ``next_delay`` the
sleep that would precede the next attempt. True means "do not retry". Stops combine with
``|`` (stop when either says so) and ``&`` (stop only when both do), as tenacity's
``stop_after_attempt(3) | stop_after_delay(10)``.

Examples:
    >>> stop = StopAfterAttempts(3) | StopAfterDelay(1000.0)
    >>> stop(2, 100.0, 50.0), stop(3, 100.0, 50.0), stop(2, 990.0, 50.0)
    (False, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.resilience._checks import number, whole


class Stop:
    """Base of the stop conditions: call it; ``|`` and ``&`` combine two."""

    __slots__ = ()

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:
        """True when no further attempt should be made."""
        raise NotImplementedError

    def __or__(self, other: Stop) -> Stop:
        """Stop when either condition says so."""
        return StopAny(self, other)

    def __and__(self, other: Stop) -> Stop:
        """Stop only when both conditions say so."""
        return StopAll(self, other)


@dataclass(frozen=True, slots=True)
class StopNever(Stop):
    """Never stop (bound the retries some other way: a budget, a breaker, a deadline)."""

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:  # noqa: ARG002
        """Always False."""
        return False


@dataclass(frozen=True, slots=True)
class StopAfterAttempts(Stop):
    """Stop once ``attempts`` attempts were made (the first call counts as one)."""

    attempts: int

    def __post_init__(self) -> None:
        whole("attempts", self.attempts)

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:  # noqa: ARG002
        """True when ``attempts`` reached the limit."""
        return attempts >= self.attempts


@dataclass(frozen=True, slots=True)
class StopAfterDelay(Stop):
    """Stop when the next attempt would start at or after ``deadline`` (from the first start).

    The upcoming sleep is counted, so a retry never sleeps past the deadline only to be
    abandoned (tenacity's ``stop_before_delay``).
    """

    deadline: float

    def __post_init__(self) -> None:
        number("deadline", self.deadline, allow_inf=True)

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:  # noqa: ARG002
        """True when ``elapsed + next_delay >= deadline``."""
        return elapsed + next_delay >= self.deadline


@dataclass(frozen=True, slots=True)
class StopAny(Stop):
    """Stop when either of two conditions says so."""

    first: Stop
    second: Stop

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:
        """``first(...) or second(...)``."""
        return self.first(attempts, elapsed, next_delay) or self.second(
            attempts, elapsed, next_delay
        )


@dataclass(frozen=True, slots=True)
class StopAll(Stop):
    """Stop only when both conditions say so."""

    first: Stop
    second: Stop

    def __call__(self, attempts: int, elapsed: float, next_delay: float) -> bool:
        """``first(...) and second(...)``."""
        return self.first(attempts, elapsed, next_delay) and self.second(
            attempts, elapsed, next_delay
        )
