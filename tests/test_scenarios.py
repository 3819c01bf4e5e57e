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
    with pytest.raises(ParameterError, match="expected an integer from 1 to 100000"):
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


def test_the_partition_drops_heartbeats_and_raises_suspicions_that_heal_clears():
    result = scenarios.run("partition-heal", seed=1)
    assert result.metrics["dropped by the partition"] > 0
    assert result.metrics["suspicions raised"] >= 2
    table = result.tables["per node"]
    assert all(row[3] == "none" for row in table.rows)


def test_without_a_partition_nobody_is_suspected():
    result = scenarios.run("partition-heal", seed=1, partition_at=50, heal_at=50)
    assert result.metrics["dropped by the partition"] == 0
    assert result.metrics["suspicions raised"] == 0


def test_a_lossless_fast_link_answers_every_ping():
    result = scenarios.run("lossy-link", seed=1, loss=0.0, latency=1.0)
    assert result.metrics["answered"] == result.metrics["pings"]
    assert result.metrics["timed out"] == 0
