"""The chapter's scenario about consumers: a catch-up subscription that crashes mid-batch.

The consumer is run three ways over the same log (see
:mod:`~week4.event_sourcing.figures.crash_restart`): with its checkpoint in the projection's
transaction, with an idempotent handler, and naively, so the page can show that delivery is
at least once and what makes the effect exactly once.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from week4.errors import ParameterError
from week4.event_sourcing.figures.crash_restart import MODES, run_crash
from week4.event_sourcing.figures.walkthroughs import euros
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.records import NewEvent
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result


@scenario(
    "es-subscription",
    chapter="event-sourcing",
    title="A subscription that crashes and restarts",
    description="A projection consumer dies mid-batch; its checkpoint decides what is redone.",
    params=(
        Param("events", 50, "events in the log", minimum=1, maximum=10_000),
        Param("accounts", 3, "accounts the events are spread over", minimum=1, maximum=20),
        Param("batch", 10, "events per checkpoint", minimum=1, maximum=1000),
        Param("crash_at", 27, "position of the event the consumer dies on", minimum=1),
    ),
)
def subscription(seed: int, *, events: int, accounts: int, batch: int, crash_at: int) -> Result:
    """Project balances from the log with a consumer that dies once, three ways.

    Covers: catch-up subscriptions, checkpoints, at-least-once delivery, exactly once in
    effect (checkpoint in the projection's transaction, or an idempotent handler).
    """
    if crash_at > events:
        raise ParameterError(
            f"invalid value {crash_at} for crash_at: expected a position from 1 to {events}"
        )
    rng = random.Random(f"{seed}/es-subscription")
    store = InMemoryEventStore()
    truth: dict[str, int] = {}
    for _ in range(events):
        account, cents = f"account-{rng.randrange(accounts) + 1}", rng.randrange(1, 21) * 100
        store.append(account, [NewEvent("Deposited", {"amount_cents": cents})])
        truth[account] = truth.get(account, 0) + cents
    runs = {mode: run_crash(store, mode, crash_at, batch) for mode in MODES}
    rows: list[Sequence[object]] = []
    for mode, run in runs.items():
        delivered = sum(run.deliveries.values())
        twice = sum(1 for n in run.applied.values() if n > 1)
        gaps = events - len(run.applied)
        error = sum(run.balances.values()) - sum(truth.values())
        rows.append([mode, delivered, delivered - events, twice, gaps, euros(error)])
    together = runs["together"]
    metrics: dict[str, int | float | str | bool | None] = {
        "events in the log": events,
        "consumer runs": len(together.runs),
        "checkpoint at restart": together.runs[-1][0],
        "deliveries": sum(together.deliveries.values()),
        "re-delivered": sum(together.deliveries.values()) - events,
        "applied once each": all(n == 1 for n in together.applied.values())
        and len(together.applied) == events,
        "projection equals the log": together.balances == truth,
        "checkpoint at the end": together.checkpoint,
    }
    compare = Table(
        [
            "projection commits",
            "deliveries",
            "re-delivered",
            "applied twice",
            "gaps",
            "balance error (€)",
        ],
        rows,
    )
    run_table = Table(
        ["run", "from checkpoint", "events delivered", "outcome"],
        [[i, *r] for i, r in enumerate(together.runs, 1)],
    )
    notes = [
        f"The consumer died at position {crash_at}, after its write and before its batch's "
        "checkpoint; on restart the subscription delivered that batch again.",
        "together: the projection and the checkpoint commit in one transaction. idempotent: "
        "the projection skips positions it has applied. naive: neither.",
    ]
    tables = {"the consumer's runs (together)": run_table, "three ways to commit": compare}
    return Result(metrics=metrics, tables=tables, notes=notes)
