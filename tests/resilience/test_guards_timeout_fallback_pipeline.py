"""Timeout, fallback, and the order in which a pipeline nests its guards."""

from __future__ import annotations

import asyncio
import threading

import pytest
from resilience_fakes import FakeClock, Flaky

from week4.errors import ParameterError
from week4.resilience import (
    CircuitBreaker,
    CircuitOpenError,
    Constant,
    Fallback,
    Pipeline,
    Retry,
    Timeout,
    TimeoutExceededError,
    decorate,
)


def test_timeout_expired_is_the_rule_on_any_clock() -> None:
    timeout = Timeout(5.0)
    assert not timeout.expired(started=10.0, now=14.9)
    assert timeout.expired(started=10.0, now=15.0)


def test_a_sync_call_that_does_not_finish_in_time_raises_and_the_caller_moves_on() -> None:
    release = threading.Event()
    timeout = Timeout(0.001)
    with pytest.raises(TimeoutExceededError, match=r"did not finish within 0\.001 s"):
        timeout.call(release.wait)
    release.set()  # let the abandoned worker finish
    # The caller moved on; a call given time enough (not 1 ms, which a busy machine can
    # miss even for a multiplication) answers.
    assert Timeout(60.0).call(lambda x: x * 2, 21) == 42


def test_an_async_call_that_does_not_finish_in_time_is_cancelled() -> None:
    cancelled = []

    async def forever() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    async def quick() -> str:
        return "quick"

    async def scenario() -> str:
        with pytest.raises(TimeoutExceededError):
            await Timeout(0.001).call_async(forever)
        return await Timeout(1.0).call_async(quick)

    assert asyncio.run(scenario()) == "quick"
    assert cancelled == [True]


def test_a_timeout_error_raised_by_the_call_itself_is_not_relabelled() -> None:
    async def own_timeout() -> None:
        raise TimeoutError("the call's own")

    with pytest.raises(TimeoutError, match="the call's own"):
        asyncio.run(Timeout(10.0).call_async(own_timeout))


def test_fallback_answers_for_handled_errors_and_bad_results_only() -> None:
    fallback = Fallback(lambda outcome: f"fallback for {outcome!r}", on=(OSError,),
                        on_result=lambda r: r is None)  # fmt: skip
    assert fallback.call(Flaky(OSError("x"))) == "fallback for OSError('x')"
    assert fallback.call(lambda: None) == "fallback for None"
    assert fallback.call(lambda: 1) == 1
    with pytest.raises(KeyError):
        fallback.call(Flaky(KeyError("k")))


def test_fallback_async_form() -> None:
    fallback = Fallback(lambda outcome: "cached", on_result=lambda r: r == 0)

    async def scenario() -> list[object]:
        return [
            await fallback.call_async(Flaky(OSError()).async_call),
            await fallback.call_async(Flaky(0).async_call),
            await fallback.call_async(Flaky(7).async_call),
        ]

    assert asyncio.run(scenario()) == ["cached", "cached", 7]


class Recorder:
    """A guard that logs when a call enters and leaves it."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name, self.log = name, log

    def call(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.log.append(f"enter {self.name}")
        try:
            return fn(*args, **kwargs)
        finally:
            self.log.append(f"leave {self.name}")

    async def call_async(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.log.append(f"enter {self.name}")
        try:
            return await fn(*args, **kwargs)
        finally:
            self.log.append(f"leave {self.name}")


def test_a_pipeline_nests_its_guards_outermost_first() -> None:
    log: list[str] = []
    pipeline = Pipeline(Recorder("outer", log), Recorder("inner", log))
    assert pipeline.call(lambda: log.append("call") or "done") == "done"
    assert log == ["enter outer", "enter inner", "call", "leave inner", "leave outer"]


def test_decorate_uses_fallback_retry_hedging_breaker_timeout_bulkhead_order() -> None:
    log: list[str] = []
    names = ("fallback", "retry", "hedging", "breaker", "timeout", "bulkhead")
    guards = {name: Recorder(name, log) for name in names}

    async def work() -> str:
        log.append("call")
        return "done"

    decorated = decorate(work, **guards)
    assert asyncio.run(decorated()) == "done"
    assert log[:7] == [f"enter {name}" for name in names] + ["call"]


def test_retry_outside_the_breaker_stops_when_the_breaker_opens_and_fallback_answers() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(window_size=2, minimum_calls=2, wait_duration=1000.0, clock=clock)
    flaky = Flaky(OSError("down"))
    retry = Retry(5, wait=Constant(1.0), honour_retry_after=False, clock=clock, sleep=clock.sleep)
    fallback = Fallback(lambda error: type(error).__name__)

    @decorate
    def fetch() -> object:
        return flaky()

    guarded = decorate(flaky, fallback=fallback, retry=retry, breaker=breaker)
    assert guarded() == "CircuitOpenError"
    assert flaky.calls == 2  # attempts 3 to 5 were rejected by the open breaker
    assert fetch.__name__ == "fetch"
    assert isinstance(CircuitOpenError("b", "open"), Exception)


def test_a_pipeline_refuses_something_that_is_not_a_guard() -> None:
    with pytest.raises(ParameterError, match="invalid guard 42"):
        Pipeline(42)
    with pytest.raises(ParameterError, match="invalid duration 0"):
        Timeout(0)
    with pytest.raises(ParameterError, match="invalid handler None"):
        Fallback(None)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="invalid on <class 'OSError'>"):
        Fallback(str, on=OSError)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="invalid on_result 3"):
        Fallback(str, on_result=3)  # type: ignore[arg-type]
