"""The CQRS chapter's scenario registrations (thin wrappers over the figures).

In menu order: the staleness lab, read replicas and monotonic reads, the dual write against
the transactional outbox, and a blue/green rebuild.
"""

from __future__ import annotations

from dataclasses import asdict

from week4.cqrs.figures.lab import cost_table, freshness_table, lab_records, lab_setup, percent
from week4.cqrs.figures.outbox_figures import outbox_table, rebuild_table
from week4.cqrs.figures.replica_figures import routing_table
from week4.cqrs.simulations.lags import LAG_KINDS
from week4.cqrs.simulations.outbox import DESIGNS as OUTBOX_DESIGNS
from week4.cqrs.simulations.outbox import run_outbox
from week4.cqrs.simulations.rebuild import MODES as REBUILD_MODES
from week4.cqrs.simulations.rebuild import RebuildSetup, run_rebuild, summarize_rebuild
from week4.cqrs.simulations.replicas import ROUTINGS, count_violations, run_replicas
from week4.errors import ParameterError
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "cqrs"
MAX_CRASH_WORK = 20_000
"""cqrs-outbox: the most crash points to visit (crashes / probability)."""
MAX_PER_ACCOUNT = 100
"""cqrs-rebuild: the most deposits per account (each command loads its account's stream)."""
MAX_TICKS = 100
"""cqrs-rebuild: the most replay ticks (each tick is 5 ms; queries come every 1 ms)."""


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


@scenario(
    "cqrs-outbox",
    chapter=CHAPTER,
    title="The dual write and the transactional outbox, with crashes",
    description="The write side's process dies between steps hundreds of times: 'commit, "
    "then publish' loses read-model updates, the outbox loses none.",
    params=(
        Param("crashes", 200, "times the process dies", minimum=0, maximum=2000),
        Param("probability", 0.1, "chance of dying at each crash point", minimum=0.01, maximum=0.9),
        Param("accounts", 3, "accounts the client works on", minimum=1, maximum=50),
    ),
)
def outbox(seed: int, *, crashes: int, probability: float, accounts: int) -> Result:
    """Run both designs with the same crash budget and count what the read side lost.

    Covers: the dual write, the transactional outbox, at-least-once relaying, idempotent
    consumers.
    """
    if crashes / probability > MAX_CRASH_WORK:
        raise ParameterError(
            f"invalid value {probability:g} for probability: with crashes={crashes} expected at "
            f"least {crashes / MAX_CRASH_WORK:g} (crashes / probability at most {MAX_CRASH_WORK})"
        )
    reports = [
        run_outbox(seed, design, crashes=crashes, probability=probability, accounts=accounts).report
        for design in OUTBOX_DESIGNS
    ]
    by = {r.design: r for r in reports}
    metrics: dict[str, int | float | str | bool | None] = {
        "crashes per design": crashes,
        "commit, then publish: updates lost": by["dual-write"].lost,
        "outbox: updates lost": by["outbox"].lost,
        "outbox: messages delivered twice (skipped)": by["outbox"].duplicated,
    }
    notes = [
        "lost: changes committed to the accounts table that the read side never applied. "
        "delivered twice: messages that arrived again after being applied; the idempotent "
        "consumer skipped them (applied twice stays 0).",
    ]
    data = {"designs": [asdict(r) for r in reports]}
    return Result(
        metrics=metrics, tables={"designs": outbox_table(reports)}, notes=notes, data=data
    )


@scenario(
    "cqrs-rebuild",
    chapter=CHAPTER,
    title="Rebuilding a projection while queries go on",
    description="Replay the account list from the log: blue/green keeps answering from the "
    "old table and swaps; rebuilding in place shows readers a half-built list.",
    params=(
        Param("history", 2000, "deposits in the log before the rebuild", minimum=0, maximum=5000),
        Param("accounts", 20, "accounts", minimum=1, maximum=200),
        Param("batch", 100, "events replayed per tick (every 5 ms)", minimum=1, maximum=5000),
    ),
)
def rebuild(seed: int, *, history: int, accounts: int, batch: int) -> Result:
    """Rebuild the account list two ways under the same workload.

    Covers: blue/green rebuilds, generations, the atomic swap, what readers see meanwhile.
    """
    if history > MAX_PER_ACCOUNT * accounts:
        raise ParameterError(
            f"invalid value {history} for history: expected at most {MAX_PER_ACCOUNT} "
            f"deposits per account, {MAX_PER_ACCOUNT * accounts} for {accounts} accounts"
        )
    events = history + accounts
    if events // batch > MAX_TICKS:
        raise ParameterError(
            f"invalid value {batch} for batch: expected at least {events // (MAX_TICKS + 1) + 1} "
            f"to replay {events} events in at most {MAX_TICKS} ticks"
        )
    ticks = events // batch + 2
    setup = RebuildSetup(
        accounts=accounts, history=history, batch=batch, end_ms=40.0 + ticks * 5.0 * 1.5
    )
    summaries = [summarize_rebuild(run_rebuild(seed, mode, setup)) for mode in REBUILD_MODES]
    by = {s.mode: s for s in summaries}
    metrics: dict[str, int | float | str | bool | None] = {
        "events in the log at the start": history + accounts,
        "blue/green: wrong answers during the rebuild": by["blue-green"].wrong_balance
        + by["blue-green"].not_found,
        "in place: wrong answers": by["in-place"].wrong_balance,
        "blue/green rebuild took (ms)": by["blue-green"].rebuild_ms,
    }
    notes = [
        "A query for a random account's row arrives every 1 ms and a deposit every 2 ms; the "
        f"rebuild starts at 20 ms and replays {batch} events every 5 ms.",
        "wrong balance: the answer's balance was not the account's balance at that moment; "
        "went back: an answer reflecting an older position than the one before it.",
    ]
    data = {"modes": [asdict(s) for s in summaries]}
    return Result(
        metrics=metrics, tables={"modes": rebuild_table(summaries)}, notes=notes, data=data
    )
