"""The retry loop: exact schedules on a fake clock, what is retried, Retry-After, budgets."""

from __future__ import annotations

import asyncio
import random

import pytest
from resilience_fakes import FakeClock, Flaky, PushbackError

from week4.errors import ParameterError
from week4.resilience import (
    CircuitBreaker,
    CircuitOpenError,
    Constant,
    Exponential,
    FullJitter,
    Retry,
    RetryScheduled,
    StopAfterDelay,
    TokenBucketThrottle,
)


def test_a_first_attempt_success_returns_at_once_without_sleeping() -> None:
    clock = FakeClock()
    retry = Retry(3, wait=Constant(5.0), clock=clock, sleep=clock.sleep)
    assert retry.call(lambda: "ok") == "ok"
    assert clock.slept == []


def test_exponential_backoff_sleeps_the_exact_schedule_then_raises_the_last_error() -> None:
    clock = FakeClock()
    errors = [OSError(f"attempt {n}") for n in range(1, 5)]
    flaky = Flaky(*errors)
    retry = Retry(4, wait=Exponential(base=100.0), clock=clock, sleep=clock.sleep)
    with pytest.raises(OSError, match="attempt 4"):
        retry.call(flaky)
    assert flaky.calls == 4
    assert clock.slept == [100.0, 200.0, 400.0]


def test_a_seeded_full_jitter_schedule_is_reproducible_draw_by_draw() -> None:
    clock = FakeClock()
    draws = random.Random(11)
    expected = [100.0 * draws.random(), 200.0 * draws.random()]
    retry = Retry(3, wait=FullJitter(100.0), clock=clock, sleep=clock.sleep, rng=random.Random(11))
    assert retry.call(Flaky(OSError(), OSError(), "ok")) == "ok"
    assert clock.slept == expected


def test_exceptions_outside_retry_on_are_raised_at_once() -> None:
    clock = FakeClock()
    flaky = Flaky(KeyError("no such key"), "ok")
    retry = Retry(3, retry_on=(OSError,), clock=clock, sleep=clock.sleep)
    with pytest.raises(KeyError):
        retry.call(flaky)
    assert flaky.calls == 1


def test_retry_on_may_be_a_predicate() -> None:
    clock = FakeClock()
    retry = Retry(
        3, wait=Constant(1.0), retry_on=lambda e: "transient" in str(e),
        clock=clock, sleep=clock.sleep,
    )  # fmt: skip
    assert retry.call(Flaky(OSError("transient"), "ok")) == "ok"
    with pytest.raises(OSError, match="permanent"):
        retry.call(Flaky(OSError("permanent"), "ok"))


def test_results_are_retried_when_asked_and_the_last_one_is_returned() -> None:
    clock = FakeClock()
    flaky = Flaky(503, 503, 503)
    retry = Retry(
        3, wait=Constant(1.0), retry_if_result=lambda r: r == 503,
        clock=clock, sleep=clock.sleep,
    )  # fmt: skip
    assert retry.call(flaky) == 503
    assert flaky.calls == 3
    assert retry.call(Flaky(503, 200)) == 200


def test_retry_after_replaces_the_computed_wait() -> None:
    clock = FakeClock()
    retry = Retry(3, wait=Constant(1.0), clock=clock, sleep=clock.sleep)
    assert retry.call(Flaky(PushbackError(42.0), "ok")) == "ok"
    assert clock.slept == [42.0]


def test_a_negative_retry_after_means_do_not_retry() -> None:
    clock = FakeClock()
    flaky = Flaky(PushbackError(-1.0), "ok")
    with pytest.raises(PushbackError):
        Retry(3, clock=clock, sleep=clock.sleep).call(flaky)
    assert flaky.calls == 1


def test_retry_after_is_ignored_when_not_honoured() -> None:
    clock = FakeClock()
    retry = Retry(3, wait=Constant(1.0), honour_retry_after=False, clock=clock, sleep=clock.sleep)
    retry.call(Flaky(PushbackError(42.0), "ok"))
    assert clock.slept == [1.0]


def test_an_open_breakers_retry_after_paces_the_retries() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(
        window_size=1, minimum_calls=1, wait_duration=30.0, half_open_calls=1, clock=clock
    )
    breaker.on_error()
    retry = Retry(3, wait=Constant(1.0), clock=clock, sleep=clock.sleep)
    assert retry.call(breaker.call, lambda: "ok") == "ok"
    assert clock.slept == [30.0]
    assert isinstance(CircuitOpenError("b", "open", 1.0), Exception)


def test_a_deadline_stops_before_a_sleep_that_would_pass_it() -> None:
    clock = FakeClock()
    flaky = Flaky(OSError("down"))
    retry = Retry(
        None, wait=Exponential(10.0), stop=StopAfterDelay(100.0),
        clock=clock, sleep=clock.sleep,
    )  # fmt: skip
    with pytest.raises(OSError, match="down"):
        retry.call(flaky)
    assert clock.slept == [10.0, 20.0, 40.0]  # the next, 80, would end at 150
    assert flaky.calls == 4


def test_max_attempts_and_a_stop_combine_so_either_one_stops() -> None:
    clock = FakeClock()
    flaky = Flaky(OSError("down"))
    retry = Retry(
        2, wait=Constant(1.0), stop=lambda attempts, elapsed, delay: False,
        clock=clock, sleep=clock.sleep,
    )  # fmt: skip
    with pytest.raises(OSError, match="down"):
        retry.call(flaky)
    assert flaky.calls == 2


def test_an_exhausted_budget_stops_the_retries_and_the_error_surfaces() -> None:
    clock = FakeClock()
    budget = TokenBucketThrottle(max_tokens=4, token_ratio=0.5)
    retry = Retry(10, wait=Constant(1.0), budget=budget, clock=clock, sleep=clock.sleep)
    flaky = Flaky(OSError("down"))
    with pytest.raises(OSError, match="down"):
        retry.call(flaky)
    # tokens 4 -> 3 (retry: 3 > 2) -> 2 (no retry: 2 is not > 2)
    assert flaky.calls == 2
    assert budget.tokens == 2.0


def test_on_retry_hears_each_scheduled_retry() -> None:
    clock = FakeClock()
    heard: list[RetryScheduled] = []
    error = OSError("down")
    retry = Retry(3, wait=Constant(2.0), on_retry=heard.append, clock=clock, sleep=clock.sleep)
    retry.call(Flaky(error, "ok"))
    assert heard == [RetryScheduled(1, 2.0, error, None)]


def test_next_delay_is_the_policy_without_the_loop() -> None:
    retry = Retry(3, wait=Exponential(5.0), retry_on=(OSError,), rng=random.Random(0))
    assert retry.next_delay(1, 0.0, 0.0, OSError()) == 5.0
    assert retry.next_delay(2, 5.0, 5.0, OSError()) == 10.0
    assert retry.next_delay(3, 10.0, 15.0, OSError()) is None  # third attempt was the last
    assert retry.next_delay(1, 0.0, 0.0, KeyError()) is None


def test_the_decorator_retries_and_keeps_the_name() -> None:
    clock = FakeClock()
    flaky = Flaky(OSError(), "ok")

    @Retry(2, wait=Constant(1.0), clock=clock, sleep=clock.sleep)
    def fetch() -> object:
        return flaky()

    assert fetch() == "ok"
    assert fetch.__name__ == "fetch"


def test_the_async_form_sleeps_with_the_async_sleep() -> None:
    clock = FakeClock()
    retry = Retry(
        3, wait=Exponential(1.0), clock=clock, sleep=clock.sleep,
        async_sleep=clock.async_sleep, retry_if_result=lambda r: r is None,
    )  # fmt: skip
    flaky = Flaky(OSError(), None, "ok")

    @retry
    async def fetch() -> object:
        return await flaky.async_call()

    assert asyncio.run(fetch()) == "ok"
    assert clock.slept == [1.0, 2.0]
    assert asyncio.run(retry.call_async(Flaky(None).async_call)) is None
    with pytest.raises(KeyError):
        asyncio.run(Retry(2, retry_on=(OSError,)).call_async(Flaky(KeyError()).async_call))


def test_async_retries_update_the_budget_like_sync_ones() -> None:
    clock = FakeClock()
    budget = TokenBucketThrottle(max_tokens=10, token_ratio=1.0)
    retry = Retry(3, budget=budget, clock=clock, sleep=clock.sleep, async_sleep=clock.async_sleep)
    asyncio.run(retry.call_async(Flaky(OSError(), "ok").async_call))
    assert budget.tokens == 10.0  # -1 for the failure, +1 for the success


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_attempts": 0}, "invalid max_attempts 0: expected an integer >= 1"),
        ({"max_attempts": None}, "invalid max_attempts None: give a stop condition with it"),
        ({"retry_on": "OSError"}, "invalid retry_on 'OSError'"),
        ({"wait": 5}, "invalid wait 5: expected a callable"),
        ({"sleep": None}, "invalid sleep None: expected a callable"),
        ({"async_sleep": None}, "invalid async_sleep None: expected a callable"),
        ({"retry_if_result": "503"}, "invalid retry_if_result '503': expected a callable"),
        ({"on_retry": 1}, "invalid on_retry 1: expected a callable"),
        ({"retry_on": (OSError, "x")}, r"invalid retry_on \(<class 'OSError'>, 'x'\)"),
        ({"rng": 42}, "invalid rng 42: expected a random.Random"),
        ({"budget": object()}, "invalid budget <object object at .*>: expected a RetryBudget"),
    ],
)
def test_bad_retry_options_are_refused_in_one_line(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        Retry(**options)  # type: ignore[arg-type]
