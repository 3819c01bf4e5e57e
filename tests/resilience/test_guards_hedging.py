"""Hedged requests: the pure policy and the asyncio form (first answer wins)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import ParameterError
from week4.resilience import Hedging, HedgingPolicy
from week4.stats import percentile


def test_a_fixed_delay_policy_always_answers_that_delay() -> None:
    assert HedgingPolicy(delay=12.5).hedge_delay() == 12.5


def test_before_min_samples_the_policy_uses_its_initial_delay() -> None:
    policy = HedgingPolicy(min_samples=3, initial_delay=50.0)
    policy.observe(1.0)
    assert policy.hedge_delay() == 50.0
    assert HedgingPolicy(min_samples=3).hedge_delay() is None


@given(
    st.lists(st.floats(0.0, 1e4), min_size=1, max_size=300),
    st.integers(1, 50),
    st.sampled_from([50.0, 90.0, 95.0, 99.0, 100.0]),
)
def test_the_policy_delay_is_the_percentile_of_the_last_window_latencies(
    latencies: list[float], window: int, q: float
) -> None:
    policy = HedgingPolicy(percentile=q, window=window, min_samples=1)
    for latency in latencies:
        policy.observe(latency)
    assert policy.hedge_delay() == percentile(latencies[-window:], q)


def test_a_late_first_answer_is_hedged_and_the_hedge_wins_and_the_first_is_cancelled() -> None:
    async def scenario() -> tuple[str, list[str], int]:
        events: list[str] = []
        calls = 0

        async def request() -> str:
            nonlocal calls
            calls += 1
            if calls == 1:
                try:
                    await asyncio.Event().wait()
                except asyncio.CancelledError:
                    events.append("first cancelled")
                    raise
            return f"answer {calls}"

        hedging = Hedging(HedgingPolicy(delay=0.0))
        answer = await hedging.call_async(request)
        await asyncio.sleep(0)
        return answer, events, hedging.hedges_sent

    assert asyncio.run(scenario()) == ("answer 2", ["first cancelled"], 1)


def test_a_fast_answer_is_never_hedged() -> None:
    async def quick() -> str:
        return "quick"

    hedging = Hedging(HedgingPolicy(delay=10.0))
    assert asyncio.run(hedging.call_async(quick)) == "quick"
    assert hedging.hedges_sent == 0
    assert hedging.policy.hedge_delay() == 10.0


def test_a_failed_first_attempt_starts_the_hedge_at_once() -> None:
    outcomes = iter([OSError("first fails"), "second answers"])

    async def request() -> str:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    hedging = Hedging(HedgingPolicy(delay=1000.0))
    assert asyncio.run(hedging.call_async(request)) == "second answers"


def test_when_every_attempt_fails_the_last_failure_is_raised() -> None:
    count = 0

    async def request() -> None:
        nonlocal count
        count += 1
        raise OSError(f"failure {count}")

    with pytest.raises(OSError, match="failure 3"):
        asyncio.run(Hedging(HedgingPolicy(delay=0.0, max_hedged=2)).call_async(request))


def test_the_asyncio_form_feeds_latencies_back_to_the_policy() -> None:
    policy = HedgingPolicy(min_samples=1)

    async def quick() -> int:
        return 1

    asyncio.run(Hedging(policy).call_async(quick))
    delay = policy.hedge_delay()
    assert delay is not None
    assert delay >= 0.0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"percentile": 0}, "invalid percentile 0"),
        ({"percentile": 101}, "invalid percentile 101"),
        ({"window": 0}, "invalid window 0"),
        ({"max_hedged": 0}, "invalid max_hedged 0"),
        ({"delay": -1}, "invalid delay -1"),
        ({"initial_delay": float("inf")}, "invalid initial_delay inf"),
    ],
)
def test_bad_hedging_parameters_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        HedgingPolicy(**options)  # type: ignore[arg-type]
