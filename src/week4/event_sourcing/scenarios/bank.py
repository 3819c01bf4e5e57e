"""The event sourcing chapter's bank scenarios: replay, a race of writers, snapshots.

Each scenario is a thin wrapper over the chapter's code (the store, the repository, the
subscription) and the helpers that stage it (:mod:`~week4.event_sourcing.figures.race`,
:mod:`~week4.event_sourcing.figures.growth`, :mod:`~week4.event_sourcing.figures.crash_restart`,
:mod:`~week4.event_sourcing.figures.walkthroughs`); the page, the CLI and the tests all run them.
Everything runs on the in-memory store, so the browser can run them too. The chapter's
other scenarios register from :mod:`~week4.event_sourcing.scenarios.history` (time travel,
upcasting) and :mod:`~week4.event_sourcing.scenarios.subscriptions` (a crashing consumer).
"""

from __future__ import annotations

from collections.abc import Sequence

from week4.errors import ParameterError
from week4.event_sourcing.aggregates.time_travel import history
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.figures.growth import evenly, load_costs
from week4.event_sourcing.figures.race import STREAM, run_race
from week4.event_sourcing.figures.walkthroughs import bank_day, euros, euros_moved
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "event-sourcing"


@scenario(
    "es-replay",
    chapter=CHAPTER,
    title="Replay: state is a fold over events",
    description="Commands become events in a stream; replaying them rebuilds the balance.",
    params=(Param("commands", 8, "deposits and withdrawals after the opening", 1, 1000),),
)
def replay(seed: int, *, commands: int) -> Result:
    """Run seeded commands on an account, then rebuild its balance from the events alone.

    Covers: append with an expected version, refused commands (no event), the fold.
    """
    day = bank_day(seed, commands)
    store, repo = day.store, day.repo
    recorded = list(store.read_stream(STREAM))
    states = list(history(store, repo.mapper, repo.decider, STREAM))
    rows: list[Sequence[object]] = [
        [
            e.version,
            e.metadata.get("actor"),
            e.type,
            euros_moved(e.data),
            euros(state.balance_cents),
        ]
        for e, (_, _, state) in zip(recorded, states, strict=True)
    ]
    loaded = repo.load(STREAM)
    metrics: dict[str, int | float | str | bool | None] = {
        "commands": commands + 1,
        "events in the stream": len(recorded),
        "commands refused (no event)": day.refused,
        "events read by the replay": loaded.events_read,
        "balance after replay (€)": euros(loaded.state.balance_cents),
        "replay equals the last step": loaded.state == states[-1][2],
    }
    notes = [
        "The balance is stored nowhere: it is the fold of the events, recomputed on load.",
        *(f"Refused, so not in the log: {r}." for r in day.refusals[:3]),
    ]
    table = Table(["version", "actor", "event", "amount (€)", "balance after (€)"], rows)
    return Result(metrics=metrics, tables={"the fold, step by step": table}, notes=notes)


@scenario(
    "es-concurrency",
    chapter=CHAPTER,
    title="Two writers, one stream: optimistic concurrency",
    description="Writers withdraw from one account at once; stale appends are rejected.",
    params=(
        Param("writers", 2, "writer nodes that start together", minimum=2, maximum=8),
        Param("ops", 1, "withdrawals per writer", minimum=1, maximum=10),
        Param("amount", 30, "euros per withdrawal", minimum=1, maximum=1000),
        Param("balance", 100, "euros in the account before the race", minimum=0, maximum=100_000),
        Param("latency", 5.0, "mean one-way latency (ms)", minimum=0.5, maximum=100),
        Param(
            "expected", "exact", "append with the version read, or any", choices=("exact", "any")
        ),
    ),
)
def concurrency(
    seed: int, *, writers: int, ops: int, amount: int, balance: int, latency: float, expected: str
) -> Result:
    """Writers on the simulated network race to withdraw from one account.

    Covers: expected_version, ConcurrencyError, re-read and retry, the trace.
    Scenario: the account holds ``balance`` euros; every writer reads it at time 0, decides
    a withdrawal, and appends expecting the version it read (or ``any``).
    """
    race = run_race(
        seed,
        writers=writers,
        ops=ops,
        amount=amount * 100,
        balance=balance * 100,
        latency=latency,
        expected="exact" if expected == "exact" else "any",
    )
    final = account_repository(race.store).load(STREAM)
    appended = sum(w.appended for w in race.writers)
    metrics: dict[str, int | float | str | bool | None] = {
        "withdrawals asked": writers * ops,
        "appended": appended,
        "conflicts (ConcurrencyError)": sum(w.conflicts for w in race.writers),
        "refused (DomainError)": sum(w.refused for w in race.writers),
        "final version": final.version,
        "final balance (€)": euros(final.state.balance_cents),
        "overdrawn": final.state.balance_cents < 0,
        "all done at (ms)": round(max(w.finished_at or 0.0 for w in race.writers), 3),
    }
    per_writer = Table(
        ["writer", "asked", "appended", "conflicts", "refused"],
        [[w.id, ops, w.appended, w.conflicts, w.refused] for w in race.writers],
    )
    stream = Table(
        ["version", "actor", "event", "amount (€)"],
        [
            [e.version, e.metadata.get("actor"), e.type, euros_moved(e.data)]
            for e in race.store.read_stream(STREAM)
        ],
    )
    notes = [
        "Every writer decided on the version it read; the store accepted the first append "
        "for each version and rejected the others, which re-read and decided again."
        if expected == "exact"
        else "Without the version check every decision landed, even those taken on a "
        "balance that had already been spent.",
    ]
    tables = {"per writer": per_writer, "the stream": stream}
    return Result(metrics=metrics, tables=tables, trace=race.sim.trace, notes=notes)


#: The most events one ``es-snapshots`` run may replay (about 3 s on a 2-core machine).
MAX_LOADED_EVENTS = 1_000_000


@scenario(
    "es-snapshots",
    chapter=CHAPTER,
    title="Snapshots: what loading an account reads",
    description="Events read to rebuild an account as it grows, with and without snapshots.",
    params=(
        Param("events", 600, "events in the account's stream at the end", 1, 20_000),
        Param("every", 100, "take a snapshot every this many events", 1, 10_000),
        Param("points", 30, "how many times the account is loaded as it grows", 1, 200),
    ),
)
def snapshots(seed: int, *, events: int, every: int, points: int) -> Result:  # noqa: ARG001
    """Grow an account to ``events`` events and count what each load reads.

    Covers: snapshots every N events, the cost of rehydration in events (not seconds).

    Raises:
        ParameterError: ``events * points`` is over :data:`MAX_LOADED_EVENTS` (each load
            replays up to ``events`` events, so this bounds the run's time).
    """
    if events * points > MAX_LOADED_EVENTS:
        raise ParameterError(
            f"events={events} and points={points} would replay up to {events * points:,} "
            f"events; the limit is {MAX_LOADED_EVENTS:,}: lower events or points"
        )
    lengths = evenly(events, points)
    without = load_costs(lengths, 0)
    with_snapshots = load_costs(lengths, every)
    last = with_snapshots[-1]
    read_without = [c.events_read for c in without]
    read_with = [c.events_read for c in with_snapshots]
    metrics: dict[str, int | float | str | bool | None] = {
        "events in the stream": events,
        "loads measured": len(lengths),
        "mean events read per load, no snapshots": round(sum(read_without) / len(lengths), 1),
        f"mean events read per load, snapshot every {every}": round(
            sum(read_with) / len(lengths), 1
        ),
        "most read by a load, no snapshots": max(read_without),
        f"most read by a load, snapshot every {every}": max(read_with),
        "snapshots written": last.snapshots,
    }
    table = Table(
        ["events in stream", "read without", "read with", "from snapshot"],
        [
            [a.events, a.events_read, b.events_read, b.snapshot_version]
            for a, b in zip(without, with_snapshots, strict=True)
        ],
    )
    notes = [
        f"Without snapshots a load reads the whole stream; with one every {every} events it "
        f"reads at most {every - 1}, at the price of {last.snapshots} snapshot writes.",
    ]
    data = {"lengths": lengths, "without": read_without, "with": read_with}
    return Result(metrics=metrics, tables={"loads": table}, notes=notes, data=data)
