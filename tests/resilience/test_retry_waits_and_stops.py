"""Wait strategies (the AWS article's definitions) and stop conditions."""

from __future__ import annotations

import math
import random
import sys
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import ParameterError
from week4.resilience import (
    Constant,
    DecorrelatedJitter,
    EqualJitter,
    Exponential,
    FullJitter,
    NoWait,
    StopAfterAttempts,
    StopAfterDelay,
    StopNever,
)

bases = st.floats(0.0, 1e3, allow_subnormal=False)  # a delay of 5e-324 means nothing
caps = st.floats(0.0, 1e6) | st.just(math.inf)
attempts = st.integers(1, 2_000)
seeds = st.integers(0, 2**32)


def ceiling(base: float, attempt: int, cap: float) -> Fraction | float:
    """``min(cap, base * 2 ** (attempt - 1))`` in exact rationals, at most the largest float."""
    return min(cap, Fraction(base) * 2 ** (attempt - 1), sys.float_info.max)


def test_exponential_doubles_from_base_until_the_cap() -> None:
    wait = Exponential(base=10.0, cap=100.0)
    assert [wait(n, 0.0, random.Random(0)) for n in range(1, 7)] == [10, 20, 40, 80, 100, 100]
    assert Exponential(1.0, multiplier=3.0)(3, 0.0, random.Random(0)) == 9.0


def test_a_huge_attempt_number_saturates_instead_of_overflowing() -> None:
    assert Exponential(1.0)(10_000, 0.0, random.Random(0)) == pytest.approx(1.7976931348623157e308)
    assert Exponential(1.0, cap=5.0)(10_000, 0.0, random.Random(0)) == 5.0
    assert math.isfinite(FullJitter(1.0)(10_000, 0.0, random.Random(0)))
    assert Exponential(0.0)(10_000, 0.0, random.Random(0)) == 0.0
    tiny = Exponential(1e-300, multiplier=3.0)  # 3 ** 699 overflows, the product does not
    assert tiny(700, 0.0, random.Random(0)) == pytest.approx(float(Fraction(1e-300) * 3**699))
    assert tiny(5_000, 0.0, random.Random(0)) == sys.float_info.max


def test_jitter_draws_come_from_the_given_random_stream() -> None:
    draws = random.Random(7)
    first, second = draws.random(), draws.random()
    rng = random.Random(7)
    assert FullJitter(10.0)(3, 0.0, rng) == 40.0 * first
    assert EqualJitter(10.0)(3, 0.0, rng) == 20.0 + 20.0 * second


def test_decorrelated_jitter_starts_from_base_and_grows_from_the_previous_delay() -> None:
    draws = random.Random(3)
    first, second = draws.random(), draws.random()
    rng = random.Random(3)
    wait = DecorrelatedJitter(base=10.0, cap=1000.0)
    delay = wait(1, 0.0, rng)
    assert delay == 10.0 + 20.0 * first  # uniform(base, 3 * base)
    assert wait(2, delay, rng) == 10.0 + (3 * delay - 10.0) * second


@given(bases, caps, attempts, seeds)
def test_full_jitter_stays_between_zero_and_the_capped_exponential(
    base: float, cap: float, attempt: int, seed: int
) -> None:
    delay = FullJitter(base, cap)(attempt, 0.0, random.Random(seed))
    assert 0.0 <= delay <= ceiling(base, attempt, cap)


@given(bases, caps, attempts, seeds)
def test_equal_jitter_stays_in_the_upper_half_of_the_capped_exponential(
    base: float, cap: float, attempt: int, seed: int
) -> None:
    delay = EqualJitter(base, cap)(attempt, 0.0, random.Random(seed))
    top = ceiling(base, attempt, cap)
    assert top / 2 <= delay <= top


@given(bases, caps, st.floats(0.0, 1e6), seeds)
def test_decorrelated_jitter_stays_between_base_and_three_times_the_previous_delay(
    base: float, cap: float, previous: float, seed: int
) -> None:
    delay = DecorrelatedJitter(base, cap)(5, previous, random.Random(seed))
    assert delay <= cap
    assert delay >= min(base, cap)
    assert delay <= 3 * max(previous, base) + 1e-9 * max(previous, base, 1.0)


@given(bases, caps, attempts)
def test_exponential_never_shrinks_and_never_passes_the_cap(
    base: float, cap: float, attempt: int
) -> None:
    wait = Exponential(base, cap=cap)
    rng = random.Random(0)
    assert wait(attempt, 0.0, rng) <= wait(attempt + 1, 0.0, rng) <= cap


@given(st.floats(0.0, 1e6), st.floats(0.0, 1e6), st.floats(0.0, 1e6), attempts)
def test_waits_compose_by_adding_and_capping(a: float, b: float, cap: float, attempt: int) -> None:
    rng = random.Random(0)
    assert (Constant(a) + Constant(b))(attempt, 0.0, rng) == a + b
    assert (Constant(a) + Constant(b)).capped(cap)(attempt, 0.0, rng) == min(cap, a + b)
    assert (NoWait() + Constant(a))(attempt, 0.0, rng) == a


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Constant(-1.0), "invalid delay -1.0: expected a number >= 0"),
        (lambda: Exponential(float("nan")), "invalid base nan"),
        (lambda: Exponential(1.0, multiplier=0.5), "invalid multiplier 0.5"),
        (lambda: FullJitter(1.0, cap=-2.0), "invalid cap -2.0"),
        (lambda: EqualJitter(float("inf")), "invalid base inf"),
        (lambda: DecorrelatedJitter("1"), "invalid base '1'"),
        (lambda: Constant(1.0).capped(float("nan")), "invalid cap nan"),
        (lambda: StopAfterAttempts(0), "invalid attempts 0: expected an integer >= 1"),
        (lambda: StopAfterAttempts(True), "invalid attempts True"),
        (lambda: StopAfterDelay(-1.0), "invalid deadline -1.0"),
    ],
)
def test_bad_parameters_are_refused_in_one_line(make: object, message: str) -> None:
    with pytest.raises(ParameterError, match=message.replace("(", r"\(")) as refused:
        make()  # type: ignore[operator]
    assert "\n" not in str(refused.value)


def test_stop_after_attempts_counts_the_first_call() -> None:
    stop = StopAfterAttempts(3)
    assert [stop(n, 0.0, 0.0) for n in (1, 2, 3)] == [False, False, True]


def test_stop_after_delay_counts_the_sleep_before_the_next_attempt() -> None:
    stop = StopAfterDelay(100.0)
    assert not stop(1, 50.0, 49.0)
    assert stop(1, 50.0, 50.0)
    assert not StopNever()(10**9, 1e300, 1e300)


@given(st.integers(1, 10), st.floats(0, 200), st.floats(0, 200), st.integers(1, 10))
def test_or_stops_when_either_stops_and_and_only_when_both_do(
    made: int, elapsed: float, delay: float, limit: int
) -> None:
    by_count, by_time = StopAfterAttempts(limit), StopAfterDelay(100.0)
    either = by_count(made, elapsed, delay) or by_time(made, elapsed, delay)
    both = by_count(made, elapsed, delay) and by_time(made, elapsed, delay)
    assert (by_count | by_time)(made, elapsed, delay) == either
    assert (by_count & by_time)(made, elapsed, delay) == both
