"""One test per transition rule of the circuit breaker (resilience4j's semantics)."""

from __future__ import annotations

import pytest
from resilience_fakes import FakeClock

from week4.resilience import CircuitBreaker, CircuitOpenError


def breaker(clock: FakeClock, **options: object) -> CircuitBreaker:
    settings: dict[str, object] = {
        "window_size": 10,
        "minimum_calls": 10,
        "wait_duration": 60.0,
        "half_open_calls": 3,
        "clock": clock,
    }
    settings.update(options)
    return CircuitBreaker(**settings)  # type: ignore[arg-type]


def fail(b: CircuitBreaker, times: int = 1) -> None:
    for _ in range(times):
        b.on_error(0.0)


def succeed(b: CircuitBreaker, times: int = 1) -> None:
    for _ in range(times):
        b.on_success(0.0)


def test_a_new_breaker_is_closed_and_permits_calls() -> None:
    b = breaker(FakeClock())
    assert b.state == "closed"
    assert b.try_acquire()
    assert b.call(lambda: 42) == 42


def test_closed_stays_closed_below_minimum_calls_even_if_every_call_failed() -> None:
    b = breaker(FakeClock())
    fail(b, 9)
    assert b.state == "closed"
    assert b.metrics().failure_rate == 1.0


def test_closed_opens_when_the_failure_rate_equals_the_threshold() -> None:
    b = breaker(FakeClock())
    succeed(b, 5)
    fail(b, 5)  # 5 of 10: a rate of 0.5 is >= 0.5
    assert b.state == "open"


def test_closed_stays_closed_just_below_the_threshold() -> None:
    b = breaker(FakeClock())
    succeed(b, 6)
    fail(b, 4)
    assert b.state == "closed"


def test_a_success_that_reaches_minimum_calls_can_trip_the_breaker() -> None:
    b = breaker(FakeClock())
    fail(b, 9)
    succeed(b)  # 9 failures of 10 calls, evaluated at the 10th call
    assert b.state == "open"


def test_a_count_window_needs_at_most_window_size_calls_before_it_decides() -> None:
    b = breaker(FakeClock(), window_size=4, minimum_calls=100)
    fail(b, 4)
    assert b.state == "open"


def test_the_count_window_forgets_the_oldest_outcomes() -> None:
    b = breaker(FakeClock(), window_size=4, minimum_calls=4)
    fail(b)
    succeed(b, 3)  # 1 of 4 failed: closed
    succeed(b)  # the failure slides out
    assert b.metrics().failures == 0
    assert b.state == "closed"


def test_open_rejects_calls_without_making_them() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    called = []
    clock.advance(20.0)
    with pytest.raises(CircuitOpenError) as rejected:
        b.call(lambda: called.append(1))
    assert called == []
    assert rejected.value.state == "open"
    assert rejected.value.retry_after == 40.0
    assert b.metrics().not_permitted == 1


def test_open_stays_open_until_wait_duration_has_passed() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(59.9)
    assert not b.try_acquire()
    assert b.state == "open"


def test_after_wait_duration_the_next_call_moves_it_to_half_open() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    assert b.state == "open"  # no call yet: nothing moved it
    assert b.try_acquire()
    assert b.state == "half_open"


def test_half_open_permits_half_open_calls_trials_and_rejects_the_rest() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    assert [b.try_acquire() for _ in range(5)] == [True, True, True, False, False]
    with pytest.raises(CircuitOpenError) as rejected:
        b.call(lambda: None)
    assert rejected.value.state == "half_open"
    assert rejected.value.retry_after is None


def test_half_open_closes_when_the_trials_are_below_the_threshold() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    for outcome in ("ok", "ok", "fail"):
        assert b.try_acquire()
        succeed(b) if outcome == "ok" else fail(b)
    assert b.state == "closed"


def test_closing_starts_a_fresh_window() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    for _ in range(3):
        b.call(lambda: None)
    assert b.state == "closed"
    assert b.metrics().calls == 0
    fail(b, 9)  # the old failures do not count: 9 calls are below minimum_calls
    assert b.state == "closed"


def test_half_open_reopens_when_the_trials_reach_the_threshold() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    for outcome in ("fail", "fail", "ok"):
        assert b.try_acquire()
        succeed(b) if outcome == "ok" else fail(b)
    assert b.state == "open"


def test_reopening_waits_a_full_wait_duration_again() -> None:
    clock = FakeClock()
    b = breaker(clock)
    fail(b, 10)
    clock.advance(60.0)
    for _ in range(3):
        assert b.try_acquire()
        fail(b)
    clock.advance(59.0)
    assert not b.try_acquire()
    clock.advance(1.0)
    assert b.try_acquire()
    assert b.state == "half_open"


def test_manual_transitions_reach_every_state() -> None:
    clock = FakeClock()
    b = breaker(clock)
    for state in ("open", "half_open", "forced_open", "disabled", "closed"):
        b.transition_to(state)
        assert b.state == state


def test_the_open_wait_counts_from_the_moment_the_breaker_tripped() -> None:
    clock = FakeClock(now=1000.0)
    b = breaker(clock)
    fail(b, 10)
    with pytest.raises(CircuitOpenError) as rejected:
        b.call(lambda: None)
    assert rejected.value.retry_after == 60.0
    clock.advance(59.0)
    assert not b.try_acquire()
