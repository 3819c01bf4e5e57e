"""A projection rebuilt blue/green while queries keep being answered."""

from __future__ import annotations

from dataclasses import asdict

from week4.cqrs.figures.outbox_figures import rebuild_table
from week4.cqrs.simulations.rebuild import MODES as REBUILD_MODES
from week4.cqrs.simulations.rebuild import RebuildSetup, run_rebuild, summarize_rebuild
from week4.errors import ParameterError
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "cqrs"
MAX_PER_ACCOUNT = 100
"""cqrs-rebuild: the most deposits per account (each command loads its account's stream)."""
MAX_TICKS = 100
"""cqrs-rebuild: the most replay ticks (each tick is 5 ms; queries come every 1 ms)."""


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
