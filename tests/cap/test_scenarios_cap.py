import json

import pytest

from week4 import scenarios
from week4.errors import ParameterError

CAP = [
    "cap-cp-partition",
    "cap-ap-partition",
    "cap-quorum",
    "cap-ca-partition",
    "cap-random-partitions",
    "pacelc-sweep",
]


def test_every_cap_scenario_is_registered_under_the_cap_chapter():
    registered = [s.name for s in scenarios.all_scenarios() if s.chapter == "cap"]
    assert registered == CAP


@pytest.mark.parametrize("name", CAP)
def test_the_same_seed_gives_the_same_result_json(name):
    first = scenarios.run(name, seed=1).to_json()
    assert first == scenarios.run(name, seed=1).to_json()
    assert json.loads(first)["scenario"] == name


def test_a_different_seed_gives_a_different_run():
    assert (
        scenarios.run("cap-ap-partition", seed=1).to_json()
        != scenarios.run("cap-ap-partition", seed=2).to_json()
    )


def test_the_cp_scenario_reports_a_linearizable_run_with_an_unavailable_minority():
    result = scenarios.run("cap-cp-partition", seed=1)
    assert result.metrics["consistency"] == "linearizable"
    assert result.metrics["availability during the partition, minority {n3}"] < 1.0
    assert result.metrics["availability during the partition, majority {n1,n2}"] == 1.0
    assert result.metrics["stale reads"] == 0


def test_the_ap_scenario_reports_a_counterexample_and_convergence():
    result = scenarios.run("cap-ap-partition", seed=1)
    assert result.metrics["consistency"] == "not linearizable"
    assert result.metrics["availability during the partition, minority {n3}"] == 1.0
    assert result.metrics["replicas agree at the end"] is True
    assert result.data["counterexample"]["stuck"] in {o["id"] for o in result.data["operations"]}
    assert any(note.startswith("Counterexample:") for note in result.notes)


def test_the_quorum_scenario_tells_strict_from_sloppy_quorums_by_stale_reads():
    strict = scenarios.run("cap-quorum", seed=1, r=2, w=2, partition_length=0)
    loose = scenarios.run("cap-quorum", seed=1, r=1, w=1, partition_length=0, latency=10)
    assert strict.metrics["stale reads"] == 0
    assert loose.metrics["stale reads"] > 0


def test_the_ca_scenario_shows_blocking_and_lost_writes():
    result = scenarios.run("cap-ca-partition", seed=1)
    assert result.metrics["minority availability, without failover"] == 0.0
    assert result.metrics["consistency, without failover"] == "linearizable"
    assert result.metrics["lost acknowledged writes, with failover"] > 0


def test_the_random_partition_scenario_compares_every_mode():
    result = scenarios.run("cap-random-partitions", seed=1)
    modes = {row["mode"]: row for row in result.data["modes"]}
    assert set(modes) == {"cp", "ap", "quorum", "ca"}
    assert modes["cp"]["consistency"] == "linearizable"
    assert modes["ap"]["availability"] == 1.0
    assert result.metrics["partitions"] > 0


def test_the_pacelc_sweep_returns_chart_series_for_every_configuration():
    result = scenarios.run("pacelc-sweep", seed=1)
    points = result.data["points"]
    assert {(p["r"], p["w"]) for p in points} == {(1, 1), (2, 1), (2, 2), (1, 3), (3, 1)}
    assert all(p["stale_rate"] == 0 for p in points if p["r"] + p["w"] > 3)
    assert any(p["stale_rate"] > 0 for p in points if p["r"] + p["w"] <= 3)
    assert result.data["read_latency_svg"].startswith("<svg")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("cap-quorum", {"r": 5}, "invalid value 5 for r"),
        ("cap-quorum", {"n": 12}, "invalid value 12 for n"),
        ("cap-cp-partition", {"partition_start": 800}, "invalid partition [800, 700]"),
        ("cap-ap-partition", {"clock": "atomic"}, "invalid value 'atomic' for clock"),
    ],
)
def test_bad_parameters_get_a_one_line_error(name, params, message):
    with pytest.raises(ParameterError) as error:
        scenarios.run(name, seed=1, **params)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("nodes", [2, 5, 9])
def test_every_side_of_the_partition_has_clients_for_any_cluster_size(nodes):
    result = scenarios.run("cap-cp-partition", seed=1, nodes=nodes)
    sides = [k for k in result.metrics if k.startswith("availability during the partition")]
    assert len(sides) == 2
    assert all(result.metrics[k] is not None for k in sides)
    assert result.metrics["consistency"] == "linearizable"
