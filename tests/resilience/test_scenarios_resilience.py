"""The resilience scenarios through the registry: deterministic strict JSON, bounds, refusals."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest

from week4 import scenarios
from week4.errors import ParameterError

NAMES = ["backoff-contention", "breaker-outage", "retry-storm", "hedging"]
#: Small but valid settings, so the determinism tests stay quick.
QUICK = {
    "backoff-contention": {"clients": 20, "runs": 3},
    "breaker-outage": {},
    "retry-storm": {},
    "hedging": {"requests": 2000},
}


def strict(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_the_chapter_is_in_the_menu_in_order():
    names = [s.name for s in scenarios.all_scenarios() if s.chapter == "resilience"]
    assert names == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_json_bytes(name):
    scenario = scenarios.get(name)
    first = scenario.run(5, **QUICK[name]).to_json()
    assert first == scenario.run(5, **QUICK[name]).to_json()
    assert strict(first)


def test_backoff_contention_lists_every_run_with_strategy_calls_and_completion_time():
    data = strict(scenarios.get("backoff-contention").run(1, clients=10, runs=2).to_json())
    records = data["data"]["records"]  # type: ignore[index]
    assert {r["strategy"] for r in records} == {
        "none",
        "exponential",
        "full-jitter",
        "equal-jitter",
        "decorrelated-jitter",
    }
    for r in records:
        assert isinstance(r["total_calls"], int)
        assert isinstance(r["completion_time"], float)


def test_backoff_contention_shows_jitter_saving_calls_over_many_runs():
    metrics = scenarios.get("backoff-contention").run(1, clients=30, runs=40).metrics
    assert metrics["exponential makes more calls than full jitter"] is True
    assert metrics["equal jitter makes more calls than full jitter"] is True


def test_retry_storm_stays_collapsed_without_protection_and_recovers_with_it():
    metrics = scenarios.get("retry-storm").run(1).metrics
    assert metrics["succeeded long after the spike, retries (%)"] < 5
    assert metrics["succeeded long after the spike, jitter + budget + breaker (%)"] > 90
    assert metrics["calls reaching the database, 3 layers x 3 attempts"] == 27


@pytest.mark.parametrize("seed", [2, 3])
def test_retry_storm_acceptance_holds_for_other_seeds(seed):
    metrics = scenarios.get("retry-storm").run(seed).metrics
    assert metrics["succeeded long after the spike, retries (%)"] < 5
    assert metrics["succeeded long after the spike, jitter + budget + breaker (%)"] > 90


def extremes(name: str) -> list[dict[str, object]]:
    params = scenarios.get(name).params

    def value(p, bound):
        return int(bound) if p.type is int else bound

    low = {p.name: value(p, p.minimum) for p in params}
    high = {p.name: value(p, p.maximum) for p in params}
    singles = [{p.name: value(p, p.maximum)} for p in params]
    singles += [{p.name: value(p, p.minimum)} for p in params]
    return [low, high, *singles]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_every_extreme_setting_answers_within_the_bound_or_is_refused_in_one_line(name):
    refusals: list[str] = []
    for params in extremes(name):
        # CPU time, not wall time: other processes on a shared machine do not count.
        start = time.process_time()
        try:
            result = scenarios.get(name).run(1, **params)
        except ParameterError as error:
            refusals.append(str(error))
            assert time.process_time() - start < 1.0
            continue
        assert time.process_time() - start < 30.0, params
        strict(result.to_json())
        assert all(not (isinstance(v, float) and math.isnan(v)) for v in result.metrics.values()), (
            params
        )


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("backoff-contention", {"base": 100.0, "cap": 10.0}, "need cap >= base"),
        ("backoff-contention", {"clients": 100, "runs": 200}, "use runs <= "),
        ("hedging", {"slow_low": 500.0, "slow_high": 100.0}, "need slow_high >= slow_low"),
        ("retry-storm", {"workers": 32, "duration": 60000.0, "attempts": 5}, "attempts to"),
    ],
)
def test_parameters_that_depend_on_each_other_are_refused_together(name, params, message):
    with pytest.raises(ParameterError, match=message):
        scenarios.get(name).run(1, **params)


DOCS = Path(__file__).resolve().parents[2] / "docs" / "resilience"


@pytest.mark.parametrize(
    ("page", "phrase", "scenario", "param", "value"),
    [
        ("breaker.md", "users send 200 requests per second", "breaker-outage", "rate", 200.0),
        ("breaker.md", "fails 5% of calls at random", "breaker-outage", "failure_rate", 0.05),
        ("breaker.md", "answers ten times slower", "breaker-outage", "spike_factor", 10.0),
        ("breaker.md", "times out after 100 ms", "breaker-outage", "timeout", 100.0),
        ("storm.md", "a server has 4 workers", "retry-storm", "workers", 4),
        ("storm.md", "60% of that", "retry-storm", "load", 0.6),
        ("storm.md", "the users' rate triples", "retry-storm", "spike_factor", 3.0),
        ("storm.md", "From 2 s to 2.5 s", "retry-storm", "spike_ms", 500.0),
        ("index.md", "at 60% of a", "retry-storm", "load", 0.6),
        ("hedging.md", "users send 20,000 requests", "hedging", "requests", 20_000),
        ("hedging.md", "except for 2% of requests", "hedging", "slow_share", 0.02),
        ("hedging.md", "between 50 ms and 500 ms", "hedging", "slow_high", 500.0),
    ],
)
def test_the_settings_a_page_names_are_the_scenarios_defaults(page, phrase, scenario, param, value):
    text = " ".join((DOCS / page).read_text().split())
    assert phrase in text
    assert scenarios.get(scenario).param(param).default == value
