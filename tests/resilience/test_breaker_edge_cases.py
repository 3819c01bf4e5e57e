"""The cases users ask resilience4j about: half-open versus minimum calls, never stuck in
half-open, slow calls, time windows, forced open and disabled, listeners, exceptions."""

from __future__ import annotations

import asyncio

import pytest
from resilience_fakes import FakeClock

from week4.errors import ParameterError
from week4.resilience import CircuitBreaker, CircuitOpenError
from week4.resilience.breaker import (
    BreakerReset,
    CallFailed,
    CallNotPermitted,
    CallSucceeded,
    ErrorIgnored,
    FailureRateExceeded,
    SlowCallRateExceeded,
    StateTransitioned,
)


def open_breaker(clock: FakeClock, **options: object) -> CircuitBreaker:
    settings: dict[str, object] = {
        "window_size": 4,
        "minimum_calls": 4,
        "wait_duration": 10.0,
        "half_open_calls": 3,
        "clock": clock,
    }
    settings.update(options)
    b = CircuitBreaker(**settings)  # type: ignore[arg-type]
    for _ in range(4):
        b.on_error()
    assert b.state == "open"
    return b


def test_half_open_decides_after_half_open_calls_when_minimum_calls_is_larger() -> None:
    clock = FakeClock()
    b = open_breaker(clock, minimum_calls=4, window_size=100, half_open_calls=2)
    clock.advance(10.0)
    for _ in range(2):
        assert b.try_acquire()
        b.on_success()
    assert b.state == "closed"  # 2 trials decided it, though minimum_calls is 4


def test_half_open_decides_after_minimum_calls_when_it_is_smaller() -> None:
    clock = FakeClock()
    b = open_breaker(clock, minimum_calls=2, window_size=2, half_open_calls=5)
    clock.advance(10.0)
    assert b.try_acquire()
    b.on_error()
    assert b.try_acquire()
    b.on_error()
    assert b.state == "open"  # min(minimum_calls, half_open_calls) = 2 trials


def test_an_ignored_exception_in_half_open_gives_its_permit_back() -> None:
    clock = FakeClock()
    b = open_breaker(clock, half_open_calls=1, ignore_exceptions=(LookupError,))
    clock.advance(10.0)
    with pytest.raises(KeyError):
        b.call(lambda: {}["missing"])
    assert b.state == "half_open"
    assert b.call(lambda: "trial") == "trial"  # the permit came back: never stuck
    assert b.state == "closed"


def test_a_released_permit_can_be_used_by_another_trial() -> None:
    clock = FakeClock()
    b = open_breaker(clock, half_open_calls=1)
    clock.advance(10.0)
    assert b.try_acquire()
    assert not b.try_acquire()
    b.release()
    assert b.try_acquire()


def test_a_cancelled_async_trial_does_not_leave_the_breaker_half_open() -> None:
    clock = FakeClock()
    b = open_breaker(clock, half_open_calls=1)
    clock.advance(10.0)

    async def cancelled() -> None:
        raise asyncio.CancelledError

    async def ok() -> str:
        return "ok"

    async def scenario() -> str:
        with pytest.raises(asyncio.CancelledError):
            await b.call_async(cancelled)
        return await b.call_async(ok)

    assert asyncio.run(scenario()) == "ok"
    assert b.state == "closed"


def test_trials_that_never_report_reopen_the_breaker_after_max_wait_in_half_open() -> None:
    clock = FakeClock()
    b = open_breaker(clock, half_open_calls=2, max_wait_in_half_open=5.0)
    clock.advance(10.0)
    assert b.try_acquire()
    assert b.try_acquire()  # both trials lost: no outcome will ever come
    clock.advance(5.0)
    assert not b.try_acquire()
    assert b.state == "open"
    clock.advance(10.0)
    assert b.try_acquire()
    assert b.state == "half_open"


def test_a_call_is_slow_only_when_longer_than_slow_call_duration() -> None:
    b = CircuitBreaker(
        window_size=2,
        minimum_calls=2,
        slow_call_duration=1.0,
        slow_call_rate_threshold=0.5,
        clock=FakeClock(),
    )
    b.on_success(1.0)
    b.on_success(1.0)
    assert b.metrics().slow_calls == 0
    assert b.state == "closed"
    b.on_success(1.5)  # one slow success of two calls: 0.5 >= 0.5
    assert b.state == "open"


def test_slow_calls_through_call_are_timed_on_the_injected_clock() -> None:
    clock = FakeClock()
    b = CircuitBreaker(
        window_size=1, minimum_calls=1, slow_call_duration=2.0, slow_call_rate_threshold=1.0,
        clock=clock,
    )  # fmt: skip
    assert b.call(lambda: clock.advance(3.0)) is None
    assert b.state == "open"


def test_the_time_window_forgets_calls_older_than_window_size() -> None:
    clock = FakeClock()
    b = CircuitBreaker(window="time", window_size=10, minimum_calls=3, clock=clock)
    b.on_error()
    b.on_error()
    clock.advance(10.0)  # the two failures (bucket 0) leave the window (10 - 10 = 0)
    b.on_error()
    assert b.state == "closed"
    assert b.metrics().calls == 1
    clock.advance(9.0)
    b.on_error()
    b.on_error()
    assert b.state == "open"


def test_the_time_window_keeps_minimum_calls_as_configured() -> None:
    clock = FakeClock()
    b = CircuitBreaker(window="time", window_size=1, minimum_calls=5, clock=clock)
    for _ in range(4):
        b.on_error()
    assert b.state == "closed"
    b.on_error()
    assert b.state == "open"


def test_forced_open_rejects_every_call_even_after_the_wait() -> None:
    clock = FakeClock()
    b = CircuitBreaker(wait_duration=1.0, clock=clock)
    b.force_open()
    clock.advance(100.0)
    with pytest.raises(CircuitOpenError) as rejected:
        b.call(lambda: None)
    assert rejected.value.state == "forced_open"
    assert b.state == "forced_open"


def test_disabled_permits_every_call_and_records_nothing() -> None:
    b = CircuitBreaker(window_size=1, minimum_calls=1, clock=FakeClock())
    b.disable()
    for _ in range(10):
        with pytest.raises(OSError, match="down"):
            b.call(lambda: (_ for _ in ()).throw(OSError("down")))
    assert b.state == "disabled"
    assert b.metrics().calls == 0


def test_reset_closes_the_breaker_with_an_empty_window() -> None:
    clock = FakeClock()
    b = open_breaker(clock)
    b.reset()
    assert b.state == "closed"
    assert b.metrics().calls == 0


def test_listeners_hear_every_transition_and_outcome_in_order() -> None:
    clock = FakeClock()
    heard: list[object] = []
    b = CircuitBreaker(
        window_size=2, minimum_calls=2, wait_duration=5.0, half_open_calls=1, clock=clock
    )
    b.add_listener(heard.append)
    b.on_success(0.5)
    b.on_error(0.5)
    b.try_acquire()
    clock.advance(5.0)
    b.call(lambda: None)
    b.reset()
    assert heard == [
        CallSucceeded("breaker", 0.5, False, 0.0),
        CallFailed("breaker", 0.5, False, None, 0.0),
        FailureRateExceeded("breaker", 0.5, 0.0),
        StateTransitioned("breaker", "closed", "open", 0.0),
        CallNotPermitted("breaker", "open", 0.0),
        StateTransitioned("breaker", "open", "half_open", 5.0),
        CallSucceeded("breaker", 0.0, False, 5.0),
        StateTransitioned("breaker", "half_open", "closed", 5.0),
        BreakerReset("breaker", 5.0),
    ]


def test_listeners_hear_slow_rates_and_ignored_errors() -> None:
    heard: list[object] = []
    b = CircuitBreaker(
        window_size=1, minimum_calls=1, slow_call_duration=0.0, clock=FakeClock(),
        ignore_exceptions=(KeyError,),
    )  # fmt: skip
    b.add_listener(heard.append)
    error = KeyError("k")
    b.on_error(1.0, error)
    b.on_success(1.0)
    assert heard[0] == ErrorIgnored("breaker", 1.0, error, 0.0)
    assert SlowCallRateExceeded("breaker", 1.0, 0.0) in heard
    assert b.state == "open"


def test_a_listener_may_call_the_breaker_without_deadlocking() -> None:
    b = CircuitBreaker(window_size=1, minimum_calls=1, clock=FakeClock())
    states: list[str] = []
    b.add_listener(lambda event: states.append(b.state))
    b.on_error()
    assert states[-1] == "open"


def test_a_removed_listener_hears_nothing_more() -> None:
    heard: list[object] = []
    b = CircuitBreaker(clock=FakeClock())
    b.add_listener(heard.append)
    b.remove_listener(heard.append)
    b.call(lambda: None)
    assert heard == []


def test_exceptions_outside_record_exceptions_count_as_successes() -> None:
    b = CircuitBreaker(
        window_size=2, minimum_calls=2, record_exceptions=(OSError,), clock=FakeClock()
    )
    for _ in range(2):
        with pytest.raises(ValueError, match="bad"):
            b.call(lambda: int("bad"))
    assert b.state == "closed"
    assert b.metrics().failures == 0


def test_record_result_counts_a_returned_value_as_a_failure() -> None:
    b = CircuitBreaker(
        window_size=2, minimum_calls=2, record_result=lambda r: r == 503, clock=FakeClock()
    )
    assert b.call(lambda: 503) == 503
    assert b.call(lambda: 503) == 503
    assert b.state == "open"


def test_the_decorator_form_guards_every_call() -> None:
    b = CircuitBreaker(window_size=1, minimum_calls=1, clock=FakeClock())

    @b
    def down() -> None:
        raise OSError("down")

    with pytest.raises(OSError, match="down"):
        down()
    with pytest.raises(CircuitOpenError):
        down()
    assert down.__name__ == "down"


def test_call_async_records_outcomes_and_rejects_when_open() -> None:
    b = CircuitBreaker(window_size=2, minimum_calls=2, record_result=lambda r: r is None)

    async def answer(value: object) -> object:
        return value

    async def scenario() -> None:
        assert await b.call_async(answer, 1) == 1
        assert await b.call_async(answer, None) is None
        assert b.state == "open"
        with pytest.raises(CircuitOpenError):
            await b.call_async(answer, 2)

    asyncio.run(scenario())


def test_a_wait_function_backs_off_each_time_the_breaker_reopens_in_a_row() -> None:
    clock = FakeClock()
    b = open_breaker(clock, half_open_calls=1, wait_duration=lambda opening: 10.0 * opening)
    waits = []
    for _ in range(3):
        opened_at = clock.now
        while not b.try_acquire():
            clock.advance(1.0)
        waits.append(clock.now - opened_at)
        b.on_error()  # the trial fails: open again, for longer
    assert waits == [10.0, 20.0, 30.0]
    clock.advance(40.0)
    assert b.try_acquire()
    b.on_success()  # the trial succeeds: closed, and the count starts again
    for _ in range(4):
        b.on_error()
    with pytest.raises(CircuitOpenError) as rejected:
        b.call(lambda: None)
    assert rejected.value.retry_after == 10.0


def test_a_wait_function_returning_nonsense_is_refused_in_one_line() -> None:
    clock = FakeClock()
    b = CircuitBreaker(window_size=1, minimum_calls=1, wait_duration=lambda n: -1, clock=clock)
    with pytest.raises(ParameterError, match=r"invalid wait_duration\(1\) = -1"):
        b.on_error()
