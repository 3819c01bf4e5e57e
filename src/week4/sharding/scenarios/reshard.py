"""A live reshard of real rows, with clients reading and writing throughout."""

from __future__ import annotations

from week4.errors import ParameterError
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result
from week4.sharding.analysis import (
    STRATEGY_ORDER,
)
from week4.sharding.figures.tables import percent
from week4.sharding.figures.timeline import events_table
from week4.sharding.reshard import live_reshard
from week4.sharding.scenarios.placement import CHAPTER, Metrics
from week4.sharding.strategies import make_strategy, shard_names


@scenario(
    "shard-reshard",
    chapter=CHAPTER,
    title="A live reshard: grow to N+1 shards and back while clients read and write",
    description="Rows move between SQLite shards under traffic; nothing is lost or duplicated.",
    params=(
        Param("strategy", "ring", "routing strategy", choices=STRATEGY_ORDER),
        Param("shards", 4, "shards at the start", minimum=1, maximum=32),
        Param("rows", 2000, "rows loaded before the reshard", minimum=1, maximum=20_000),
        Param("batch", 100, "rows per migration step", minimum=1, maximum=5000),
        Param("crash_at", -1, "crash point to die at once (-1: none)", minimum=-1, maximum=100_000),
    ),
)
def reshard(
    seed: int, *, strategy: str, shards: int, rows: int, batch: int, crash_at: int
) -> Result:
    """Grow from ``shards`` to ``shards + 1`` and back, with a crash at ``crash_at``."""
    if rows / batch > 400:
        raise ParameterError(f"rows / batch must be at most 400 steps a pass, got {rows}/{batch}")
    start = shard_names(shards)
    plan = [shard_names(shards + 1), start]
    run = live_reshard(
        make_strategy(strategy, start),
        plan,
        seed=seed,
        rows=rows,
        batch=batch,
        crash_at=None if crash_at < 0 else crash_at,
    )
    assert run.audit is not None
    metrics: Metrics = {
        "rows before": run.before[0],
        "rows after": run.after[0],
        "sum before": run.before[1],
        "sum after": run.after[1],
        "sum the clients expect": run.expected_after[1],
        "reads": run.reads,
        "writes": run.writes,
        "dual writes": run.dual_writes,
        "crashes recovered": run.crashes,
        "rows lost": run.audit.lost,
        "rows duplicated": run.audit.duplicated,
        "rows misplaced": run.audit.misplaced,
        "stale reads": run.stale_reads,
    }
    moved = Table(
        ["change", "rows", "moved", "moved (%)", "ideal (%)"],
        [
            [
                f"{m.source} → {m.target}",
                m.rows,
                m.moved,
                percent(m.share),
                percent(m.ideal),
            ]
            for m in run.migrations
        ],
    )
    notes = [
        f"Scatter-gather checks during the migrations: {run.checks}, wrong answers: "
        f"{run.check_failures}; counting every file without the ownership filter would have "
        f"been wrong {run.naive_wrong} times.",
    ]
    if crash_at >= 0 and not run.crashes:
        notes.append(f"No crash: the run passed only {run.crash_points} crash points.")
    data = {"timeline": run.timeline, "crash points": run.crash_points}
    tables = {"rows moved": moved, "timeline": events_table(run)}
    return Result(metrics=metrics, tables=tables, notes=notes, data=data)
