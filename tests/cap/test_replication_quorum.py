import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4 import scenarios
from week4.cap.figures import report
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import majority_minority
from week4.errors import ParameterError


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    rw=st.sampled_from([(2, 2), (1, 3), (3, 1), (3, 3)]),
    latency=st.sampled_from([1.0, 5.0, 20.0]),
)
def test_with_r_plus_w_above_n_and_no_partition_no_read_is_ever_stale(seed, rw, latency):
    r, w = rw
    run = run_mode("quorum", seed, r=r, w=w, latency=latency, tail=True, duration=500.0)
    assert report.stale_reads(run.history) == []


def test_with_r_plus_w_at_most_n_reads_go_stale_without_any_partition():
    run = run_mode("quorum", 1, r=1, w=1, latency=10.0)
    assert not run.partitions
    stale, _, rate = report.stale_rate(run.history)
    assert stale > 0
    assert rate > 0


def test_stale_reads_with_r_plus_w_at_most_n_show_up_on_most_seeds():
    seeds_with_stale = [
        seed
        for seed in range(1, 6)
        if report.stale_reads(run_mode("quorum", seed, r=1, w=1, latency=10.0).history)
    ]
    assert len(seeds_with_stale) >= 4


def test_majority_quorums_cut_off_the_minority_side():
    run = run_mode("quorum", 1, partitions=(majority_minority(3, 300.0, 700.0),))
    sides = report.side_availability(run)
    assert sides["minority {n3}"].rate < 1.0
    assert sides["majority {n1,n2}"].rate == 1.0
    assert report.stale_reads(run.history) == []


def test_quorums_of_one_stay_available_on_both_sides_and_lose_consistency():
    run = run_mode("quorum", 1, r=1, w=1, partitions=(majority_minority(3, 300.0, 700.0),))
    assert all(side.rate == 1.0 for side in report.side_availability(run).values())
    assert report.check(run).linearizable is False


def test_a_read_quorum_larger_than_n_is_a_one_line_parameter_error():
    with pytest.raises(ParameterError, match=r"invalid value 4 for r: expected .* 1 to n \(3\)"):
        scenarios.run("cap-quorum", seed=1, n=3, r=4)


def test_run_mode_rejects_quorums_larger_than_the_cluster():
    with pytest.raises(ParameterError, match="w"):
        run_mode("quorum", 1, nodes=3, w=5)
