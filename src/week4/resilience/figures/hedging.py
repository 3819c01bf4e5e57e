"""Hedged requests compared with plain ones: latency percentiles and the load they cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from week4.render.charts import Series, bar_chart
from week4.render.tables import Table
from week4.resilience.guards.hedging import HedgingPolicy
from week4.resilience.simulations.hedging import HedgingRun, TailSetup, run_hedging
from week4.scenarios.result import Result
from week4.stats import percentile

#: The percentiles the page and the scenario show.
PERCENTILES = (50.0, 99.0, 99.9)


@dataclass(frozen=True)
class HedgingComparison:
    """A run without hedging, and one hedging after a percentile of the first one's latency.

    Attributes:
        plain: The run without hedges.
        hedged: The run with hedges.
        hedge_after: The hedging delay: the plain run's ``at_percentile`` latency (ms).
        at_percentile: Which percentile was used.
    """

    plain: HedgingRun
    hedged: HedgingRun
    hedge_after: float
    at_percentile: float


def compare_hedging(seed: int, setup: TailSetup, at_percentile: float) -> HedgingComparison:
    """Measure the plain latency, then hedge after its ``at_percentile`` (as Dean and Barroso).

    Both runs see the same first copies (the same seed), so the difference is the hedges.
    """
    plain = run_hedging(seed, setup, None)
    delay = percentile(plain.latencies, at_percentile)
    hedged = run_hedging(seed, setup, HedgingPolicy(delay=delay))
    return HedgingComparison(plain, hedged, delay, at_percentile)


def label(comparison: HedgingComparison) -> str:
    """The hedged run's name, with its delay."""
    return f"hedged after p{comparison.at_percentile:g} ({comparison.hedge_after:.1f} ms)"


def extra(run: HedgingRun, plain: HedgingRun) -> tuple[float, float]:
    """Extra copies sent and extra server time, as percentages of the plain run's."""
    sent = 100.0 * (run.sent - plain.sent) / plain.sent
    time = 100.0 * (run.server_time - plain.server_time) / plain.server_time
    return sent, time


def hedging_table(comparison: HedgingComparison) -> Table:
    """p50, p99, p99.9 and the extra requests, with and without hedges."""
    rows: list[Sequence[object]] = []
    for name, run in (("no hedging", comparison.plain), (label(comparison), comparison.hedged)):
        sent, _ = extra(run, comparison.plain)
        rows.append(
            [
                name,
                *(f"{percentile(run.latencies, q):.1f}" for q in PERCENTILES),
                f"{sent:+.1f}%",
            ]
        )
    return Table(["requests", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "extra copies"], rows)


def hedging_chart(data: dict[str, Any]) -> str:
    """Bars: each percentile with and without hedges, from a ``hedging`` result's data."""
    names = [f"p{q:g}" for q in PERCENTILES]
    positions = list(range(len(PERCENTILES)))
    series = [
        Series(label, positions, [round(data[run]["percentiles"][n], 1) for n in names])
        for label, run in (("no hedging", "plain"), ("hedged", "hedged"))
    ]
    return bar_chart(
        names,
        series,
        title="Latency percentiles with and without hedged requests",
        x_label="percentile of the users' latency",
        y_label="latency (ms)",
    )


def hedging_data(comparison: HedgingComparison) -> dict[str, Any]:
    """JSON-ready figures of both runs: percentiles (ms), copies sent, server time (ms)."""
    runs = {"plain": comparison.plain, "hedged": comparison.hedged}
    return {
        "hedge_after": round(comparison.hedge_after, 3),
        **{
            name: {
                "percentiles": {
                    f"p{q:g}": round(percentile(run.latencies, q), 3) for q in PERCENTILES
                },
                "sent": run.sent,
                "hedges": run.hedges,
                "hedge_wins": run.hedge_wins,
                "server_time": round(run.server_time, 3),
            }
            for name, run in runs.items()
        },
    }


def hedging_result(comparison: HedgingComparison) -> Result:
    """The scenario's result: the hedges' cost and the percentiles of both runs."""
    sent, time = extra(comparison.hedged, comparison.plain)
    metrics: dict[str, int | float | str | bool | None] = {
        "requests": len(comparison.plain.latencies),
        "hedge delay (ms)": round(comparison.hedge_after, 1),
        "hedges sent": comparison.hedged.hedges,
        "hedges that answered first": comparison.hedged.hedge_wins,
        "extra copies sent (%)": round(sent, 1),
        "extra server time (%)": round(time, 1),
    }
    notes = [
        "A hedge goes to another replica once a request has waited the hedge delay; the "
        "first answer wins and the other copy is cancelled, so it stops costing server time.",
    ]
    return Result(
        metrics=metrics,
        tables={"latency as the users saw it": hedging_table(comparison)},
        notes=notes,
        data=hedging_data(comparison),
    )
