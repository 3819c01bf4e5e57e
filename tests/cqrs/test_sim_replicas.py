"""Read replicas with their own lags: reads that go back in time, and what prevents it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cqrs.simulations.replicas import (
    ROUTINGS,
    ReplicaRead,
    count_violations,
    run_replicas,
)
from week4.errors import Week4Error


def test_random_routing_over_lagging_replicas_shows_users_an_older_state() -> None:
    summary = count_violations("random", run_replicas(1, "random").reads)
    assert summary.went_back > 0
    assert summary.users_affected > 0


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000), replicas=st.integers(1, 4), lag_ms=st.sampled_from([0, 5, 40]))
def test_sticky_sessions_never_go_back_in_time(seed: int, replicas: int, lag_ms: int) -> None:
    run = run_replicas(seed, "sticky", replicas=replicas, users=5, rounds=4, lag_ms=lag_ms)
    assert count_violations("sticky", run.reads).went_back == 0


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000), replicas=st.integers(1, 4))
def test_a_session_token_gives_monotonic_reads_and_reads_your_writes(
    seed: int, replicas: int
) -> None:
    run = run_replicas(seed, "session", replicas=replicas, users=5, rounds=4)
    summary = count_violations("session", run.reads)
    assert summary.went_back == 0
    assert summary.missed_own_write == 0


def test_sticky_sessions_do_not_give_reads_your_writes() -> None:
    summary = count_violations("sticky", run_replicas(1, "sticky").reads)
    assert summary.missed_own_write > 0


def test_one_replica_cannot_go_back_in_time_whatever_the_routing() -> None:
    for routing in ROUTINGS:
        run = run_replicas(2, routing, replicas=1)
        assert count_violations(routing, run.reads).went_back == 0


def test_counting_goes_user_by_user_and_skips_not_yet_answers() -> None:
    reads = [
        ReplicaRead("u1", "r1", 3, 5, 1.0),
        ReplicaRead("u2", "r2", 4, 2, 2.0),
        ReplicaRead("u1", "r2", 3, None, 3.0),
        ReplicaRead("u1", "r2", 3, 4, 4.0),
    ]
    summary = count_violations("random", reads)
    assert (summary.went_back, summary.missed_own_write, summary.not_yet) == (1, 1, 1)
    assert summary.users_affected == 1


def test_an_unknown_routing_is_refused() -> None:
    with pytest.raises(Week4Error, match="unknown routing"):
        run_replicas(1, "nearest")  # type: ignore[arg-type]
