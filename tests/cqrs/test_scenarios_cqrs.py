"""The CQRS chapter's scenarios: what their JSON promises, their refusals, and their limits."""

from __future__ import annotations

import json
import resource
import time
from typing import Any

import pytest

from week4 import scenarios
from week4.errors import ParameterError

NAMES = ("cqrs-staleness", "cqrs-replicas", "cqrs-outbox", "cqrs-rebuild")


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_the_chapter_registers_its_four_scenarios_in_the_cqrs_chapter() -> None:
    chapter = [s.name for s in scenarios.all_scenarios() if s.chapter == "cqrs"]
    assert chapter == list(NAMES)


def test_the_staleness_lab_json_has_one_record_per_strategy_with_the_promised_keys() -> None:
    data = strict_json(scenarios.run("cqrs-staleness", 1).to_json())["data"]
    records = data["records"]
    assert [r["strategy"] for r in records] == [
        "async",
        "wait-for-position",
        "inline",
        "write-model",
    ]
    keys = {
        "strategy",
        "read_after_write_failure_rate",
        "staleness_p50",
        "staleness_p99",
        "added_latency_p99",
    }
    assert all(keys <= set(r) for r in records)


@pytest.mark.parametrize("lag", ["constant", "exponential", "long-tail"])
def test_waiting_for_the_position_fails_never_and_async_reads_fail_under_lag(lag: str) -> None:
    records = scenarios.run("cqrs-staleness", 2, lag=lag, users=5, ops=10).data["records"]
    by = {r["strategy"]: r for r in records}
    assert by["wait-for-position"]["read_after_write_failure_rate"] == 0
    assert by["async"]["read_after_write_failure_rate"] > 0
    assert by["inline"]["staleness_max"] == by["write-model"]["staleness_max"] == 0
    assert by["async"]["added_latency_p99"] == 0


def test_the_staleness_tables_add_up() -> None:
    result = scenarios.run("cqrs-staleness", 1, users=4, ops=5)
    for record in result.data["records"]:
        assert record["reads"] == 20
        assert record["missed"] <= record["reads"] - record["not_yet"]


def test_replicas_random_routing_goes_back_in_time_and_sticky_sessions_do_not() -> None:
    routings = {r["routing"]: r for r in scenarios.run("cqrs-replicas", 1).data["routings"]}
    assert routings["random"]["went_back"] > 0
    assert routings["sticky"]["went_back"] == routings["session"]["went_back"] == 0
    assert routings["session"]["missed_own_write"] == 0


def test_the_outbox_loses_nothing_over_two_hundred_crashes_and_the_dual_write_loses() -> None:
    designs = {d["design"]: d for d in scenarios.run("cqrs-outbox", 1).data["designs"]}
    assert designs["outbox"]["crashes"] == designs["dual-write"]["crashes"] == 200
    assert designs["outbox"]["lost"] == 0
    assert designs["dual-write"]["lost"] > 0


def test_blue_green_rebuild_answers_right_and_in_place_does_not() -> None:
    modes = {m["mode"]: m for m in scenarios.run("cqrs-rebuild", 1).data["modes"]}
    assert modes["blue-green"]["wrong_balance"] == modes["blue-green"]["not_found"] == 0
    assert modes["in-place"]["wrong_balance"] > 0
    assert modes["blue-green"]["during"] > 0


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_json_bytes(name: str) -> None:
    first = scenarios.run(name, 3).to_json()
    assert first == scenarios.run(name, 3).to_json()
    strict_json(first)


@pytest.mark.parametrize(
    ("name", "params", "words"),
    [
        ("cqrs-staleness", {"users": 0}, "users: expected an integer from 1 to 50"),
        ("cqrs-staleness", {"lag": "gauss"}, "lag: expected one of constant"),
        ("cqrs-staleness", {"lag_ms": float("nan")}, "lag_ms"),
        ("cqrs-staleness", {"timeout_ms": float("inf")}, "timeout_ms"),
        ("cqrs-replicas", {"replicas": 9}, "replicas: expected an integer from 1 to 8"),
        ("cqrs-outbox", {"crashes": 2000, "probability": 0.01}, "probability"),
        ("cqrs-rebuild", {"accounts": 1, "history": 101}, "history"),
        ("cqrs-rebuild", {"batch": 1}, "batch"),
    ],
)
def test_bad_parameters_get_one_line_naming_the_parameter(
    name: str, params: dict[str, object], words: str
) -> None:
    with pytest.raises(ParameterError) as caught:
        scenarios.run(name, 1, **params)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message


EXTREMES = [
    ("cqrs-staleness", {"users": 50, "ops": 40, "lag_ms": 1000.0, "think_ms": 0.0,
                        "timeout_ms": 5000.0, "lag": "long-tail"}),
    ("cqrs-staleness", {"users": 50, "ops": 40, "lag_ms": 0.0, "think_ms": 10_000.0,
                        "timeout_ms": 0.0, "lag": "constant"}),
    ("cqrs-staleness", {"users": 1, "ops": 1, "lag_ms": 1000.0, "think_ms": 0.0}),
    ("cqrs-replicas", {"replicas": 8, "users": 20, "rounds": 20, "reads": 10,
                       "lag_ms": 1000.0, "lag": "constant"}),
    ("cqrs-replicas", {"replicas": 1, "users": 1, "rounds": 1, "reads": 1, "lag_ms": 0.0}),
    ("cqrs-outbox", {"crashes": 2000, "probability": 0.1, "accounts": 50}),
    ("cqrs-outbox", {"crashes": 200, "probability": 0.01, "accounts": 1}),
    ("cqrs-outbox", {"crashes": 0, "probability": 0.9, "accounts": 1}),
    ("cqrs-rebuild", {"history": 5000, "accounts": 50, "batch": 51}),
    ("cqrs-rebuild", {"history": 5000, "accounts": 200, "batch": 5000}),
    ("cqrs-rebuild", {"history": 0, "accounts": 1, "batch": 1}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "params"), EXTREMES)
def test_every_scenario_at_its_extremes_answers_within_30_seconds_and_1_gb(
    name: str, params: dict[str, object]
) -> None:
    started = time.process_time()
    result = scenarios.run(name, 1, **params)
    assert time.process_time() - started < 30
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024  # KiB on Linux
    strict_json(result.to_json())
