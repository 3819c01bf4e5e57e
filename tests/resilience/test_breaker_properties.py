"""Properties of the breaker: it matches a reference model of resilience4j's closed state,
the fast path agrees with the listened-to path, and threads cannot corrupt its window."""

from __future__ import annotations

import itertools
import math
import sys
import threading

from hypothesis import given
from hypothesis import strategies as st
from resilience_fakes import FakeClock

from week4.resilience import CircuitBreaker, StateTransitioned
from week4.resilience.breaker.windows import (
    FAILURE,
    SLOW_FAILURE,
    SLOW_SUCCESS,
    TimeWindow,
)


def reference_trip_index(
    outcomes: list[bool], window: int, minimum: int, threshold: float
) -> int | None:
    """The index of the call after which a closed breaker opens, by brute force."""
    for index in range(len(outcomes)):
        recent = outcomes[max(0, index + 1 - window) : index + 1]
        failures = recent.count(False)
        if len(recent) >= min(minimum, window) and failures / len(recent) >= threshold:
            return index
    return None


settings_strategy = st.tuples(
    st.integers(1, 12),
    st.integers(1, 15),
    st.sampled_from([0.1, 0.25, 0.5, 0.75, 1.0]),
)


@given(st.lists(st.booleans(), max_size=60), settings_strategy)
def test_the_closed_state_opens_exactly_when_the_reference_model_says(
    outcomes: list[bool], settings: tuple[int, int, float]
) -> None:
    window, minimum, threshold = settings
    b = CircuitBreaker(
        window_size=window,
        minimum_calls=minimum,
        failure_rate_threshold=threshold,
        clock=FakeClock(),
    )
    opened_at = None
    for index, ok in enumerate(outcomes):
        b.on_success() if ok else b.on_error()
        if b.state == "open":
            opened_at = index
            break
    assert opened_at == reference_trip_index(outcomes, window, minimum, threshold)


@given(st.lists(st.booleans(), max_size=80), settings_strategy)
def test_the_fast_path_and_the_listened_path_agree_state_by_state(
    outcomes: list[bool], settings: tuple[int, int, float]
) -> None:
    window, minimum, threshold = settings
    clocks = FakeClock(), FakeClock()
    fast, slow = (
        CircuitBreaker(
            window_size=window,
            minimum_calls=minimum,
            failure_rate_threshold=threshold,
            wait_duration=3.0,
            half_open_calls=2,
            clock=clock,
        )
        for clock in clocks
    )
    slow.add_listener(lambda event: None)

    def run(b: CircuitBreaker, ok: bool) -> str:
        def attempt() -> None:
            if not ok:
                raise OSError("down")

        try:
            b.call(attempt)
        except OSError:
            return "failed"
        except Exception as error:
            return type(error).__name__
        return "ok"

    for ok in outcomes:
        assert run(fast, ok) == run(slow, ok)
        assert fast.state == slow.state
        assert fast.metrics() == slow.metrics()
        for clock in clocks:
            clock.advance(1.0)


def test_concurrent_calls_from_threads_are_all_counted() -> None:
    threads, calls = 8, 500
    b = CircuitBreaker(window_size=10_000, minimum_calls=10_000, clock=FakeClock())
    start = threading.Barrier(threads)

    def worker(index: int) -> None:
        start.wait()
        for n in range(calls):
            if (index + n) % 4 == 0:
                b.on_error()
            else:
                b.call(lambda: None)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    metrics = b.metrics()
    assert metrics.calls == threads * calls
    assert metrics.failures == threads * calls // 4
    assert b.state == "closed"


def test_a_huge_count_window_costs_memory_only_for_the_calls_made() -> None:
    b = CircuitBreaker(window_size=10**12, minimum_calls=3, clock=FakeClock())
    b.on_success()
    b.on_error()
    b.on_error()
    assert b.metrics().calls == 3
    assert b.state == "open"


@given(
    st.lists(st.tuples(st.floats(0.0, 5.0), st.sampled_from([0, 1, 2, 3])), max_size=80),
    st.sampled_from([1, 2, 3.5, 10]),
    st.floats(0.0, 20.0),
)
def test_the_time_window_holds_exactly_the_calls_of_the_last_window_size_units(
    steps: list[tuple[float, int]], size: float, later: float
) -> None:
    window = TimeWindow(size)
    now, made = 0.0, []
    for step, code in steps:
        now += step
        window.record(code, now)
        made.append((math.floor(now), code))
    now += later
    inside = [code for key, code in made if key > math.floor(now) - size]
    failures = sum(code in (FAILURE, SLOW_FAILURE) for code in inside)
    slow = sum(code in (SLOW_SUCCESS, SLOW_FAILURE) for code in inside)
    assert window.totals(now) == (len(inside), failures, slow)


def test_threads_hammering_a_small_breaker_see_transitions_in_a_consistent_order() -> None:
    clock = FakeClock()
    b = CircuitBreaker(
        window_size=4, minimum_calls=4, wait_duration=1.0, half_open_calls=2, clock=clock
    )
    transitions: list[StateTransitioned] = []
    b.add_listener(lambda e: transitions.append(e) if isinstance(e, StateTransitioned) else None)
    start = threading.Barrier(6)
    permitted = [0] * 6

    def worker(index: int) -> None:
        start.wait()
        for n in range(400):
            if b.try_acquire():
                permitted[index] += 1
                if (index * 7 + n) % 3:
                    b.on_error(0.1)
                else:
                    b.on_success(0.1)
            if index == 0:
                clock.advance(0.25)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert transitions, "the breaker never tripped"
    assert transitions[0].from_state == "closed"
    for before, after in itertools.pairwise(transitions):
        assert before.to_state == after.from_state
    assert transitions[-1].to_state == b.state
    assert sum(permitted) + b.metrics().not_permitted == 6 * 400
