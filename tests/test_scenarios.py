import json

import pytest

from week4 import scenarios
from week4.errors import ParameterError, UnknownScenarioError, Week4Error

ALL = [s.name for s in scenarios.all_scenarios()]


@pytest.mark.parametrize("name", ALL)
def test_every_scenario_gives_identical_json_for_the_same_seed(name):
    first = scenarios.get(name).run(seed=3).to_json()
    second = scenarios.get(name).run(seed=3).to_json()
    assert first == second
    assert json.loads(first)["scenario"] == name


@pytest.mark.parametrize("name", ALL)
def test_every_scenario_renders_as_text_and_markdown(name):
    result = scenarios.get(name).run(seed=1)
    assert result.title in result.to_text()
    assert "| metric" in result.to_markdown()


def test_every_scenario_has_a_known_chapter_and_documented_parameters():
    for s in scenarios.all_scenarios():
        assert s.chapter in scenarios.CHAPTER_TITLES
        assert s.description.endswith(".")
        for p in s.params:
            assert p.help
            p.coerce(p.default)


def test_parameters_from_the_command_line_are_converted_and_validated():
    scenario = scenarios.get("lossy-link")
    assert scenario.resolve({"count": "5", "loss": "0.5"})["count"] == 5
    with pytest.raises(
        ParameterError, match=r"invalid value '2' for loss: expected a number from 0 to 0\.9"
    ):
        scenario.resolve({"loss": "2"})
    with pytest.raises(ParameterError, match="expected an integer from 1 to 5000"):
        scenario.resolve({"count": "many"})
    with pytest.raises(ParameterError, match="known parameters: count, loss, latency, timeout"):
        scenario.resolve({"speed": "1"})


@pytest.mark.parametrize("value", [float("nan"), True])
def test_nan_and_booleans_are_not_numbers(value):
    with pytest.raises(ParameterError):
        scenarios.get("lossy-link").resolve({"loss": value})


def test_an_unknown_scenario_names_the_known_ones():
    with pytest.raises(UnknownScenarioError, match="known scenarios: partition-heal"):
        scenarios.get("nope")


def test_a_seed_must_be_an_integer():
    with pytest.raises(Week4Error, match="invalid seed"):
        scenarios.get("lossy-link").run(seed="1")  # type: ignore[arg-type]


def test_both_sides_of_the_partition_suspect_each_other_and_the_heal_clears_it():
    result = scenarios.run("partition-heal", seed=1)
    assert result.metrics["dropped by the partition"] > 0
    suspicions = {
        (e.node, e.detail.split()[1])
        for e in result.trace.of_kind("state")
        if e.detail.startswith("suspects")
    }
    assert {("n3", "n1"), ("n3", "n2"), ("n1", "n3"), ("n2", "n3")} <= suspicions
    table = result.tables["per node"]
    assert all(row[3] == "none" for row in table.rows)


def test_the_try_it_suggestion_on_the_simulator_page_heals_inside_the_run():
    result = scenarios.run("partition-heal", seed=2, nodes=5, heal_at=150.0, duration=250.0)
    assert result.metrics["last peer trusted again at (ms)"] is not None


def test_a_lossless_fast_link_answers_every_ping():
    result = scenarios.run("lossy-link", seed=1, loss=0.0, latency=1.0)
    assert result.metrics["answered in time"] == result.metrics["pings"]
    assert result.metrics["timed out"] == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("loss", [0.0, 0.3, 0.6])
def test_every_ping_is_either_answered_in_time_or_timed_out(seed, loss):
    m = scenarios.run("lossy-link", seed=seed, loss=loss, timeout=40.0).metrics
    assert m["answered in time"] + m["timed out"] == m["pings"]
    assert 0 <= m["timed out, answered later"] <= m["timed out"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"heal_at": 10.0}, "expected partition_at < heal_at < duration"),
        ({"heal_at": 200.0}, "expected partition_at < heal_at < duration"),
        ({"partition_at": 130.0}, "expected partition_at < heal_at < duration"),
        ({"partition_at": float("inf")}, "invalid value inf for partition_at"),
        (
            {"nodes": 9, "interval": 1.0, "timeout": 1.0, "duration": 100_000.0},
            "the limit is 250,000",
        ),
    ],
)
def test_partition_heal_refuses_a_window_outside_the_run_or_a_run_too_large(params, message):
    with pytest.raises(ParameterError, match=message):
        scenarios.run("partition-heal", seed=1, **params)


def test_a_partition_shorter_than_the_timeout_is_not_narrated_as_suspicion():
    result = scenarios.run("partition-heal", seed=1, heal_at=80.0)
    assert result.metrics["suspicions raised"] == 0
    assert "nobody suspected anybody" in result.notes[0]
    assert not any("suspected the other" in note for note in result.notes)
