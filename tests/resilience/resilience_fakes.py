"""Fakes for the resilience tests: a clock you move by hand, a sleep that moves it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FakeClock:
    """Virtual time: ``clock()`` reads it, ``advance`` and ``sleep`` move it forward."""

    now: float = 0.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def advance(self, delta: float) -> None:
        self.now += delta

    def sleep(self, delay: float) -> None:
        self.slept.append(delay)
        self.now += delay

    async def async_sleep(self, delay: float) -> None:
        self.sleep(delay)


class Flaky:
    """A callable that raises or returns the scripted outcomes in turn, counting calls."""

    def __init__(self, *outcomes: object) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    def __call__(self) -> object:
        outcome = self.outcomes[min(self.calls, len(self.outcomes) - 1)]
        self.calls += 1
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def async_call(self) -> object:
        return self()


class PushbackError(Exception):
    """An error that carries a server's Retry-After."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after}")
        self.retry_after = retry_after
