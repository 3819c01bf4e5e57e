"""The explorable figure: projection lag against the failure rate of each read strategy.

Every setting of the two controls (lag distribution, mean lag) is run at build time with
the staleness lab (``users`` users, ``ops`` pairs each, seed 1); the page switches between
the precomputed views.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from week4.cqrs.figures.lab import Record, lab_records, lab_setup, percent
from week4.cqrs.simulations.lags import LAG_KINDS
from week4.render.charts import Series, bar_chart
from week4.render.explorable import Control, explorable, setting_key

LAGS_MS = (0, 2, 5, 10, 20, 50, 100)
"""The mean lags the slider offers (ms)."""


def lag_grid(seed: int = 1, *, users: int = 8, ops: int = 10) -> dict[str, list[Record]]:
    """The lab's records for every lag distribution and mean lag, by setting key."""
    return {
        setting_key(kind, lag): lab_records(
            seed, lab_setup(users=users, ops=ops, lag=kind, lag_ms=float(lag))
        )
        for kind in LAG_KINDS
        for lag in LAGS_MS
    }


def records_html(records: Sequence[Record]) -> str:
    """The records as a small HTML table (classed, so the theme leaves it alone)."""
    head = "".join(
        f"<th>{h}</th>"
        for h in ("strategy", "miss rate", "stale p99 (ms)", "added p99 (ms)", "not yet")
    )
    rows = "".join(
        f"<tr><td>{escape(r['strategy'])}</td>"
        f"<td>{percent(r['read_after_write_failure_rate'])}</td>"
        f"<td>{r['staleness_p99']:.1f}</td><td>{r['added_latency_p99']:+.1f}</td>"
        f"<td>{r['not_yet']}</td></tr>\n"
        for r in records
    )
    return (
        f'<table class="week4-metrics"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{rows}</tbody></table>"
    )


def view(records: list[Record]) -> str:
    """A bar chart of the miss rate per strategy, and the table under it."""
    chart = bar_chart(
        [r["strategy"] for r in records],
        [
            Series(
                "miss rate",
                list(range(len(records))),
                [r["read_after_write_failure_rate"] * 100 for r in records],
            )
        ],
        title="Reads that missed the reader's own write",
        x_label="read strategy",
        y_label="% of answered reads",
    )
    return chart + "\n" + records_html(records)


def caption(records: list[Record]) -> str:
    """One sentence for screen readers and the caption."""
    by = {r["strategy"]: r for r in records}
    return (
        f"async reads missed {percent(by['async']['read_after_write_failure_rate'])}; "
        f"wait-for-position answered 'not yet' {by['wait-for-position']['not_yet']} times "
        "and never missed"
    )


def lag_explorable(seed: int = 1) -> str:
    """The explorable figure's HTML."""
    controls = [
        Control.select("lag", "Lag distribution", list(LAG_KINDS), default="exponential"),
        Control.slider("lag_ms", "Mean projection lag", list(LAGS_MS), default=20, unit="ms"),
    ]
    results: dict[str, Any] = lag_grid(seed)
    return explorable(
        "cqrs-lag",
        "Projection lag against the failure rate of each read strategy",
        controls,
        results,
        view,
        summary=caption,
    )
