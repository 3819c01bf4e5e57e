from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cap.figures import report
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import majority_minority

SCRIPTED = (majority_minority(3, 300.0, 700.0),)


def test_an_ap_run_under_partition_is_available_on_both_sides():
    run = run_mode("ap", 1, partitions=SCRIPTED)
    sides = report.side_availability(run)
    assert set(sides) == {"majority {n1,n2}", "minority {n3}"}
    for side in sides.values():
        assert side.attempted > 0
        assert side.rate == 1.0


def test_an_ap_run_under_partition_is_not_linearizable_and_says_why():
    run = run_mode("ap", 1, partitions=SCRIPTED)
    check = report.check(run)
    assert check.linearizable is False
    counter = check.counterexample
    assert counter is not None
    assert counter.stuck in run.history.ops
    assert "Not linearizable" in counter.describe()


def test_an_ap_run_under_partition_serves_stale_reads():
    run = run_mode("ap", 1, partitions=SCRIPTED)
    stale, reads, rate = report.stale_rate(run.history)
    assert 0 < stale <= reads
    assert rate > 0


def test_ap_replicas_converge_after_the_partition_heals():
    run = run_mode("ap", 1, partitions=SCRIPTED)
    assert run.converged
    delay = report.convergence_delay(run)
    assert delay is not None
    assert delay <= 2 * run.config.anti_entropy + 50
    during = [n for t, n in run.divergence if 350.0 <= t < 700.0]
    assert max(during) > 0


def test_without_anti_entropy_or_further_writes_replicas_stay_apart():
    run = run_mode(
        "ap", 1, partitions=(majority_minority(3, 100.0, 900.0),), anti_entropy=0.0, duration=900.0
    )
    assert not run.converged


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), clock=st.sampled_from(["hlc", "lamport"]))
def test_for_any_seed_ap_replicas_converge_after_heal(seed, clock):
    run = run_mode("ap", seed, partitions=SCRIPTED, clock=clock, skew=5.0)
    assert run.converged
    assert report.convergence_delay(run) is not None
    assert report.availability(run.history).rate == 1.0


def test_with_synchronised_hybrid_clocks_every_client_reads_its_own_writes():
    for seed in range(1, 4):
        run = run_mode("ap", seed, partitions=SCRIPTED)
        verdicts = {g.guarantee: g.holds for g in report.guarantees(run)}
        assert verdicts["read-your-writes"] is True
        assert verdicts["monotonic reads"] is True
        assert verdicts["eventual convergence"] is True


def test_skewed_clocks_make_last_writer_wins_break_read_your_writes():
    broken = []
    for seed in range(1, 6):
        run = run_mode("ap", seed, partitions=SCRIPTED, skew=20.0)
        ryw = next(g for g in report.guarantees(run) if g.guarantee == "read-your-writes")
        if ryw.holds is False:
            broken.append(seed)
            assert len(ryw.witness) == 2
    assert broken
