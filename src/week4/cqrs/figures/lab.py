"""The staleness lab's figures: one record per read strategy, its tables and its chart.

A record is what ``week4 run cqrs-staleness --json`` puts in ``data["records"]``: the
read-after-write failure rate, the staleness at p50, p99 and max, and the latency each fix
adds at p99 over plain async reads measured in the same setup (times in ms of virtual
time, rounded to 0.1 ms; rates between 0 and 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from week4.cqrs.simulations.lab_nodes import STRATEGIES, Costs
from week4.cqrs.simulations.staleness import LabSetup, LabSummary, run_lab, summarize
from week4.render.charts import Series, bar_chart
from week4.render.tables import Table

Record = dict[str, Any]


def percent(rate: float) -> str:
    """A rate as a percentage with one decimal: ``0.125`` -> ``"12.5%"``."""
    return f"{rate * 100:.1f}%"


def lab_setup(
    *,
    users: int = 10,
    ops: int = 20,
    lag: str = "exponential",
    lag_ms: float = 20.0,
    think_ms: float = 50.0,
    timeout_ms: float = 100.0,
) -> LabSetup:
    """The lab's setup from the scenario's parameters."""
    return LabSetup(users, ops, lag, lag_ms, think_ms, costs=Costs(timeout_ms=timeout_ms))


def lab_records(seed: int, setup: LabSetup) -> list[Record]:
    """Run every strategy on ``setup``; one JSON-ready record per strategy, in page order."""
    summaries = [summarize(run_lab(seed, strategy, setup)) for strategy in STRATEGIES]
    base = summaries[0].latency_p99
    return [_record(s, base, setup) for s in summaries]


def _record(s: LabSummary, base_p99: float, setup: LabSetup) -> Record:
    return {
        "strategy": s.strategy,
        "lag": setup.lag,
        "lag_ms": setup.lag_ms,
        "reads": s.reads,
        "missed": s.missed,
        "not_yet": s.not_yet,
        "read_after_write_failure_rate": round(s.failure_rate, 4),
        "staleness_p50": s.staleness_p50,
        "staleness_p99": s.staleness_p99,
        "staleness_max": s.staleness_max,
        "latency_p50": s.latency_p50,
        "latency_p99": s.latency_p99,
        "added_latency_p99": round(s.latency_p99 - base_p99, 1),
        "write_side_requests": s.write_side_requests,
        "write_side_busy_ms": s.write_side_busy_ms,
        "command_p99": s.command_p99,
    }


def freshness_table(records: Sequence[Record]) -> Table:
    """Per strategy: reads that missed their own write, and the answers' staleness (ms)."""
    return Table(
        ["strategy", "answered", "missed", "miss rate", "p50 (ms)", "p99 (ms)", "max (ms)"],
        [
            [
                r["strategy"],
                r["reads"] - r["not_yet"],
                r["missed"],
                percent(r["read_after_write_failure_rate"]),
                f"{r['staleness_p50']:.1f}",
                f"{r['staleness_p99']:.1f}",
                f"{r['staleness_max']:.1f}",
            ]
            for r in records
        ],
    )


def cost_table(records: Sequence[Record]) -> Table:
    """Per strategy: what the fix costs.

    Columns: "not yet" answers, the p99 of a write and the read after it, what that adds
    over async reads, the requests the write side served, and a command's own p99.
    """
    return Table(
        ["strategy", "not yet", "p99 (ms)", "added (ms)", "write side", "command p99 (ms)"],
        [
            [
                r["strategy"],
                r["not_yet"],
                f"{r['latency_p99']:.1f}",
                f"{r['added_latency_p99']:+.1f}",
                r["write_side_requests"],
                f"{r['command_p99']:.1f}",
            ]
            for r in records
        ],
    )


def miss_rate_chart(rows: dict[str, list[Record]]) -> str:
    """Bars: the share of reads that missed their own write, per lag distribution and strategy.

    Args:
        rows: The records of one lab run per lag distribution, by its name.
    """
    categories = list(rows)
    series = [
        Series(
            strategy,
            list(range(len(categories))),
            [rows[c][i]["read_after_write_failure_rate"] * 100 for c in categories],
        )
        for i, strategy in enumerate(STRATEGIES)
    ]
    return bar_chart(
        categories,
        series,
        title="Reads that missed the reader's own write",
        x_label="projection lag distribution",
        y_label="% of answered reads",
        label="Bar chart: only async reads miss the reader's own write; the three fixes miss none.",
    )
