from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cap.figures import report
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import Partition, majority_minority

SCRIPTED = (majority_minority(3, 300.0, 700.0),)


def test_a_cp_run_under_partition_is_linearizable():
    run = run_mode("cp", 1, partitions=SCRIPTED)
    check = report.check(run)
    assert check.linearizable is True
    assert check.counterexample is None


def test_the_minority_side_of_a_cp_run_is_not_fully_available_but_the_majority_is():
    run = run_mode("cp", 1, partitions=SCRIPTED)
    sides = report.side_availability(run)
    assert sides["minority {n3}"].attempted > 0
    assert sides["minority {n3}"].rate < 1.0
    assert sides["majority {n1,n2}"].rate == 1.0


def test_minority_replicas_refuse_rather_than_leave_clients_hanging():
    run = run_mode("cp", 1, partitions=SCRIPTED)
    window = report.during(run.history, 400.0, 700.0)
    minority = [op for op in window if run.client_of(op.process) == "c3"]
    assert minority
    assert all(op.status == "fail" for op in minority)
    assert all(op.ret - op.call < run.config.timeout for op in minority)


def test_a_cp_run_has_no_stale_reads_and_its_replicas_agree_after_heal():
    run = run_mode("cp", 1, partitions=SCRIPTED)
    assert report.stale_reads(run.history) == []
    assert run.converged


def test_cutting_off_the_leader_elects_a_new_one_on_the_majority_side():
    cut = (Partition(200.0, 600.0, (("n1",), ("n2", "n3"))),)
    run = run_mode("cp", 3, partitions=cut)
    states = list(run.trace.of_kind("state"))
    assert any(e.node == "n1" and "steps down" in e.detail for e in states)
    elected = [e for e in states if "leader of term" in e.detail]
    assert elected
    assert elected[0].node in {"n2", "n3"}
    assert 200.0 < elected[0].time < 600.0
    sides = report.side_availability(run)
    assert sides["minority {n1}"].rate < 1.0
    assert sides["majority {n2,n3}"].ok > 0
    assert report.check(run).linearizable is True


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), nodes=st.sampled_from([3, 5]))
def test_for_any_seed_cp_under_random_partitions_is_linearizable_and_converges(seed, nodes):
    run = run_mode("cp", seed, nodes=nodes, clients=4, random_partitions=True, duration=600.0)
    assert report.check(run).linearizable is True
    assert run.converged
