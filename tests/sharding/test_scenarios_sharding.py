"""The sharding scenarios: their figures agree with theory, at their extremes too."""

from __future__ import annotations

import json

import pytest

from week4 import scenarios
from week4.errors import ParameterError

NAMES = [
    "shard-modulo-growth",
    "shard-balance",
    "shard-movement",
    "shard-hot-keys",
    "shard-reshard",
]


def test_the_chapter_registers_its_scenarios_in_the_menu() -> None:
    assert "sharding" in scenarios.chapters()
    names = [s.name for s in scenarios.all_scenarios() if s.chapter == "sharding"]
    assert names == NAMES


def test_modulo_growth_moves_about_n_over_n_plus_one_of_the_users() -> None:
    result = scenarios.run("shard-modulo-growth", seed=1)
    moved = result.metrics["moved"]
    assert isinstance(moved, int)
    assert abs(moved / 100_000 - 10 / 11) < 0.001
    assert result.metrics["modulo's theory: 1 - min/lcm"] == "90.9%"


def test_consistent_strategies_move_close_to_the_ideal_and_modulo_does_not() -> None:
    result = scenarios.run("shard-movement", seed=1, keys=20_000)
    grow = {name: fractions[0] for name, fractions in result.data.items()}
    assert grow["modulo"] > 0.85
    for name in ("ring", "rendezvous", "jump", "maglev", "slots"):
        assert abs(grow[name] - 1 / 11) < 0.03, name
    assert result.metrics["the paper's claim"] == "16.7%"


def test_the_live_reshard_loses_and_duplicates_nothing_and_moves_about_the_ideal() -> None:
    result = scenarios.run("shard-reshard", seed=1, crash_at=25)
    m = result.metrics
    assert (m["rows lost"], m["rows duplicated"], m["rows misplaced"], m["stale reads"]) == (
        0,
        0,
        0,
        0,
    )
    assert m["crashes recovered"] == 1
    assert m["sum after"] == m["sum the clients expect"]


def test_a_crash_point_past_the_end_is_said_not_to_have_happened() -> None:
    result = scenarios.run("shard-reshard", seed=1, rows=10, crash_at=100_000)
    assert result.metrics["crashes recovered"] == 0
    assert any(note.startswith("No crash") for note in result.notes)


def test_a_table_emptied_by_its_clients_reports_no_share_moved_instead_of_failing() -> None:
    result = scenarios.run("shard-reshard", seed=1, strategy="ring", shards=1, rows=1, batch=1)
    moved = result.tables["rows moved"]
    assert moved.rows[-1][1:4] == [0, 0, "0.0%"]
    assert result.metrics["rows lost"] == 0


def refuse(constant: str) -> None:
    pytest.fail(f"{constant} in the JSON")


EXTREMES = [
    ("shard-modulo-growth", {"users": 1_000_000, "before": 1000, "after": 1}),
    ("shard-modulo-growth", {"users": 10, "before": 1, "after": 1000}),
    ("shard-balance", {"keys": 1000, "shards": 100, "skew": "zipf", "exponent": 3.0}),
    ("shard-balance", {"keys": 1_000_000, "shards": 2, "skew": "uniform"}),
    ("shard-movement", {"keys": 1_000_000, "shards": 20}),
    ("shard-movement", {"keys": 200_000, "shards": 100}),
    ("shard-movement", {"keys": 1000, "shards": 2}),
    (
        "shard-hot-keys",
        {"keys": 200_000, "shards": 100, "exponent": 0.0, "fanout": 1024, "hot": 100},
    ),
    ("shard-hot-keys", {"keys": 1000, "shards": 2, "exponent": 3.0, "fanout": 1, "hot": 1}),
    ("shard-reshard", {"strategy": "maglev", "shards": 32, "rows": 20_000, "batch": 5000}),
    ("shard-reshard", {"strategy": "modulo", "shards": 1, "rows": 400, "batch": 1}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), EXTREMES, ids=str)
def test_every_scenario_answers_at_its_extremes_in_strict_json(
    name: str, params: dict[str, object]
) -> None:
    result = scenarios.run(name, seed=1, **params)
    json.loads(result.to_json(), parse_constant=refuse)


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_bytes(name: str) -> None:
    small = {"shard-modulo-growth": {"users": 1000}, "shard-reshard": {"rows": 200}}.get(
        name, {"keys": 2000}
    )
    first = scenarios.run(name, seed=7, **small).to_json()
    assert first == scenarios.run(name, seed=7, **small).to_json()


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("shard-balance", {"shards": 0}, "shards: expected an integer from 2 to 100"),
        ("shard-modulo-growth", {"before": 0}, "before: expected an integer from 1 to 1000"),
        ("shard-modulo-growth", {"before": 5, "after": 5}, "before and after must differ"),
        ("shard-reshard", {"rows": 20_000, "batch": 1}, "rows / batch must be at most 400"),
        ("shard-reshard", {"strategy": "nope"}, "expected one of modulo"),
        ("shard-hot-keys", {"exponent": "nan"}, "exponent"),
        ("shard-movement", {"keys": 1_000_000, "shards": 100}, "keys x shards must be at most"),
    ],
)
def test_bad_input_gets_a_one_line_error(
    name: str, params: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message) as error:
        scenarios.run(name, seed=1, **params)
    assert "\n" not in str(error.value)
