"""Retry budgets: gRPC A6 token arithmetic and Finagle's percentage budget on a fake clock."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from resilience_fakes import FakeClock

from week4.errors import ParameterError
from week4.resilience import PercentageBudget, TokenBucketThrottle


def test_a6_starts_full_and_allows_retries() -> None:
    bucket = TokenBucketThrottle(max_tokens=10, token_ratio=0.1)
    assert bucket.tokens == 10.0
    assert bucket.try_retry()


def test_a6_stops_retries_when_tokens_fall_to_half_and_resumes_above_half() -> None:
    bucket = TokenBucketThrottle(max_tokens=10, token_ratio=0.1)
    for _ in range(4):
        bucket.record_failure()
    assert bucket.tokens == 6.0
    assert bucket.try_retry()
    bucket.record_failure()
    assert bucket.tokens == 5.0  # 5 is not more than 5
    assert not bucket.try_retry()
    bucket.record_success()
    assert bucket.tokens == 5.1
    assert bucket.try_retry()


def test_a6_tokens_stay_between_zero_and_max_tokens() -> None:
    bucket = TokenBucketThrottle(max_tokens=3, token_ratio=2.5)
    for _ in range(10):
        bucket.record_failure()
    assert bucket.tokens == 0.0
    for _ in range(10):
        bucket.record_success()
    assert bucket.tokens == 3.0


def test_a6_keeps_three_decimals_of_token_ratio() -> None:
    assert TokenBucketThrottle(10, 0.1239).token_ratio == 0.123


def test_a6_counts_no_request_only_outcomes() -> None:
    bucket = TokenBucketThrottle(max_tokens=2, token_ratio=1)
    bucket.record_request()
    assert bucket.tokens == 2.0


@given(st.lists(st.booleans(), max_size=200), st.integers(1, 1000), st.integers(1, 5000))
def test_a6_arithmetic_matches_integer_thousandths(
    outcomes: list[bool], max_tokens: int, ratio_thousandths: int
) -> None:
    bucket = TokenBucketThrottle(max_tokens, ratio_thousandths / 1000)
    tokens = max_tokens * 1000
    for ok in outcomes:
        if ok:
            bucket.record_success()
            tokens = min(tokens + ratio_thousandths, max_tokens * 1000)
        else:
            bucket.record_failure()
            tokens = max(tokens - 1000, 0)
        assert bucket.tokens == tokens / 1000
        assert bucket.try_retry() == (2 * tokens > max_tokens * 1000)


def test_finagle_allows_percent_can_retry_of_the_requests() -> None:
    clock = FakeClock()
    budget = PercentageBudget(
        ttl=10.0, min_retries_per_second=0.0, percent_can_retry=0.2, clock=clock
    )
    for _ in range(10):
        budget.record_request()
    assert [budget.try_retry() for _ in range(3)] == [True, True, False]


def test_finagle_reserve_lets_a_quiet_client_retry_min_retries_per_second_times_ttl() -> None:
    clock = FakeClock()
    budget = PercentageBudget(
        ttl=10.0, min_retries_per_second=0.5, percent_can_retry=0.2, clock=clock
    )
    assert budget.balance == 5
    assert sum(budget.try_retry() for _ in range(8)) == 5


def test_finagle_deposits_and_withdrawals_expire_after_ttl() -> None:
    clock = FakeClock()
    budget = PercentageBudget(
        ttl=10.0, min_retries_per_second=0.0, percent_can_retry=0.5, clock=clock
    )
    for _ in range(4):
        budget.record_request()
    assert budget.try_retry()
    assert budget.balance == 1
    clock.advance(10.0)
    assert budget.balance == 0
    assert not budget.try_retry()


def test_finagle_with_no_percentage_spends_only_the_reserve() -> None:
    clock = FakeClock()
    budget = PercentageBudget(
        ttl=1.0, min_retries_per_second=3.0, percent_can_retry=0.0, clock=clock
    )
    for _ in range(100):
        budget.record_request()
    assert sum(budget.try_retry() for _ in range(10)) == 3
    clock.advance(1.0)
    assert budget.try_retry()


def test_finagle_units_per_second_converts_a_millisecond_clock() -> None:
    clock = FakeClock()
    budget = PercentageBudget(
        ttl=10_000.0, min_retries_per_second=1.0, percent_can_retry=0.1,
        clock=clock, units_per_second=1000.0,
    )  # fmt: skip
    assert budget.balance == 10
    budget.record_success()
    budget.record_failure()
    assert budget.balance == 10


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TokenBucketThrottle(0), "invalid max_tokens 0"),
        (lambda: TokenBucketThrottle(1001), "expected 0 < max_tokens <= 1000"),
        (lambda: TokenBucketThrottle(0.0001), "invalid max_tokens 0.0001"),
        (lambda: TokenBucketThrottle(10, 0.0001), "invalid token_ratio 0.0001: expected >= 0.001"),
        (lambda: TokenBucketThrottle(10, float("nan")), "invalid token_ratio nan"),
        (lambda: PercentageBudget(ttl=0), "invalid ttl 0"),
        (lambda: PercentageBudget(percent_can_retry=1001), "invalid percent_can_retry 1001"),
        (lambda: PercentageBudget(slices=0), "invalid slices 0"),
        (lambda: PercentageBudget(units_per_second=-1), "invalid units_per_second -1"),
    ],
)
def test_bad_budget_parameters_are_refused_in_one_line(make: object, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        make()  # type: ignore[operator]


def test_budgets_count_every_outcome_from_many_threads() -> None:
    bucket = TokenBucketThrottle(max_tokens=1000, token_ratio=0.1)
    budget = PercentageBudget(min_retries_per_second=0.0, percent_can_retry=1.0, clock=FakeClock())
    start = threading.Barrier(8)

    def worker() -> None:
        start.wait()
        for _ in range(100):
            bucket.record_failure()
            budget.record_request()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert bucket.tokens == 200.0
    assert budget.balance == 800
