"""The staleness lab and read replicas: how stale a read is, and how to make it fresh."""

from __future__ import annotations

from week4.cqrs.figures.lab import cost_table, freshness_table, lab_records, lab_setup, percent
from week4.cqrs.figures.replica_figures import routing_table
from week4.cqrs.simulations.lags import LAG_KINDS
from week4.cqrs.simulations.replicas import ROUTINGS, count_violations, run_replicas
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "cqrs"


@scenario(
    "cqrs-staleness",
    chapter=CHAPTER,
    title="The staleness lab: a read right after a write",
    description="Users write, then read at once: how often the read misses the write, "
    "how stale it is, and what each fix costs.",
    params=(
        Param("users", 10, "users writing and reading at the same time", minimum=1, maximum=50),
        Param("ops", 20, "write-then-read pairs per user", minimum=1, maximum=40),
        Param("lag", "exponential", "the projection's lag distribution", choices=LAG_KINDS),
        Param("lag_ms", 20.0, "the projection's mean lag (ms)", minimum=0, maximum=1000),
        Param(
            "think_ms", 50.0, "a user's mean pause before each pair (ms)", minimum=0, maximum=10_000
        ),
        Param(
            "timeout_ms", 100.0, "how long wait-for-position waits (ms)", minimum=0, maximum=5000
        ),
    ),
)
def staleness(
    seed: int,
    *,
    users: int,
    ops: int,
    lag: str,
    lag_ms: float,
    think_ms: float,
    timeout_ms: float,
) -> Result:
    """Run the four read strategies on the same workload and lag.

    Covers: async reads, wait for position (Marten's wait for non-stale data), inline
    projection, reading the write model; read-after-write failures, staleness, latency.
    """
    setup = lab_setup(
        users=users, ops=ops, lag=lag, lag_ms=lag_ms, think_ms=think_ms, timeout_ms=timeout_ms
    )
    records = lab_records(seed, setup)
    by = {r["strategy"]: r for r in records}
    metrics: dict[str, int | float | str | bool | None] = {
        "write-then-read pairs per strategy": users * ops,
        "async reads that missed their own write": percent(
            by["async"]["read_after_write_failure_rate"]
        ),
        "wait-for-position reads that missed it": by["wait-for-position"]["missed"],
        "wait-for-position answers 'not yet'": by["wait-for-position"]["not_yet"],
        "write-model: write-side requests": by["write-model"]["write_side_requests"],
    }
    notes = [
        "Staleness: the age of the oldest event an answer did not reflect when it was given "
        "(0 when it reflected everything written so far); times in virtual ms.",
        "added (ms): the p99 of a write and the read after it, minus the same p99 for async "
        "reads in this setup.",
    ]
    return Result(
        metrics=metrics,
        tables={
            "freshness (staleness in ms)": freshness_table(records),
            "the cost of each fix": cost_table(records),
        },
        notes=notes,
        data={"records": records},
    )


@scenario(
    "cqrs-replicas",
    chapter=CHAPTER,
    title="Read replicas and monotonic reads",
    description="Replicas of one projection lag differently: reads routed at random go back "
    "in time; sticky sessions and session tokens do not.",
    params=(
        Param("replicas", 3, "copies of the account list", minimum=1, maximum=8),
        Param("users", 10, "users", minimum=1, maximum=20),
        Param("rounds", 10, "deposits per user", minimum=1, maximum=20),
        Param("reads", 4, "reads after each deposit", minimum=1, maximum=10),
        Param("lag", "exponential", "the lag distribution", choices=LAG_KINDS),
        Param("lag_ms", 20.0, "mean lag of the fastest replica (ms)", minimum=0, maximum=1000),
    ),
)
def replicas(
    seed: int, *, replicas: int, users: int, rounds: int, reads: int, lag: str, lag_ms: float
) -> Result:
    """Route the same users' reads three ways over the same replicas.

    Covers: monotonic reads, read-your-writes, sticky sessions, session tokens.
    """
    runs = [
        run_replicas(
            seed,
            routing,
            replicas=replicas,
            users=users,
            rounds=rounds,
            reads=reads,
            lag=lag,
            lag_ms=lag_ms,
        )
        for routing in ROUTINGS
    ]
    summaries = [count_violations(run.routing, run.reads) for run in runs]
    by = {s.routing: s for s in summaries}
    metrics: dict[str, int | float | str | bool | None] = {
        "replicas": replicas,
        "reads per routing": by["random"].reads,
        "random routing: reads that went back in time": by["random"].went_back,
        "sticky sessions: reads that went back": by["sticky"].went_back,
        "session token: reads that went back": by["session"].went_back,
    }
    notes = [
        f"Replica k follows the log with a mean lag of k x {lag_ms:g} ms ({lag}).",
        "went back: an answer older than one the same user had already seen (a monotonic "
        "reads violation); missed own write: an answer without the reader's latest deposit.",
    ]
    data = {
        "routings": [
            {
                "routing": s.routing,
                "reads": s.reads,
                "not_yet": s.not_yet,
                "went_back": s.went_back,
                "missed_own_write": s.missed_own_write,
                "users_affected": s.users_affected,
            }
            for s in summaries
        ]
    }
    return Result(
        metrics=metrics, tables={"routings": routing_table(summaries)}, notes=notes, data=data
    )
