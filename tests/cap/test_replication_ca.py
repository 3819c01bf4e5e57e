from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cap.figures import report
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import majority_minority

SCRIPTED = (majority_minority(3, 300.0, 700.0),)


def test_without_failover_the_cut_off_side_blocks_and_nothing_is_lost():
    run = run_mode("ca", 1, partitions=SCRIPTED, failover=None)
    sides = report.side_availability(run)
    assert sides["minority {n3}"].rate == 0.0
    assert sides["majority {n1,n2}"].rate == 1.0
    assert report.lost_writes(run) == 0
    assert report.check(run).linearizable is True


def test_with_failover_both_sides_answer_and_acknowledged_writes_are_lost_at_heal():
    run = run_mode("ca", 1, partitions=SCRIPTED, failover=60.0)
    assert all(side.rate > 0.9 for side in report.side_availability(run).values())
    assert report.lost_writes(run) > 0
    states = [e.detail for e in run.trace.of_kind("state")]
    assert any("takes over" in s for s in states)
    assert any("rolls back" in s for s in states)
    assert report.check(run).linearizable is False
    assert run.converged


def test_without_a_partition_the_ca_leader_is_consistent():
    run = run_mode("ca", 1)
    assert report.availability(run.history).rate == 1.0
    assert report.check(run).linearizable is True
    assert report.lost_writes(run) == 0


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_for_any_seed_a_ca_leader_that_never_fails_over_stays_linearizable(seed):
    run = run_mode("ca", seed, random_partitions=True, failover=None, duration=600.0)
    assert report.check(run).linearizable is True
    assert report.lost_writes(run) == 0
