"""The CAP page's explorable (partition length by N, R, W) and its PACELC chart.

The explorable runs the ``cap-quorum`` scenario's cluster
(:func:`week4.cap.replicas.cluster.run_mode`
in quorum mode, 3 clients, a partition of the first majority against the rest from 300 ms)
for every setting of two controls when the page is built, and renders each run as a bar
chart and a table (:func:`week4.render.explorable.explorable`); the browser only switches
between them. Dynamo's quorums (DeCandia et al. 2007) make the CAP choice a setting: a
minority side can still read when R is 1 and write when W is 1, and stale reads follow when
R + W <= N.

Examples:
    >>> point = quorum_point(seed=1, n=3, r=1, w=1, length=400.0)
    >>> point["minority side available"], point["linearizable"]
    (1.0, False)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from week4.cap.figures import report
from week4.cap.figures.sweep import pacelc_result
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.faults import majority_minority
from week4.render.charts import Series, bar_chart, line_chart
from week4.render.controls import Control, setting_key
from week4.render.explorable import explorable
from week4.render.tables import Table
from week4.scenarios.result import Result

#: Partition lengths offered (ms, from 300 ms; 0: no partition).
LENGTHS = (0.0, 200.0, 400.0, 600.0)
#: (N, R, W) settings offered.
SETTINGS = ((3, 1, 1), (3, 2, 2), (3, 1, 3), (3, 3, 1), (5, 3, 3))
START = 300.0


def setting_name(n: int, r: int, w: int) -> str:
    """``N=3 R=2 W=2``."""
    return f"N={n} R={r} W={w}"


def quorum_run(seed: int, n: int, r: int, w: int, length: float) -> CapRun:
    """The ``cap-quorum`` scenario's run: ``python -m week4 run cap-quorum --set ...``."""
    parts = (majority_minority(n, START, START + length),) if length else ()
    return run_mode("quorum", seed, nodes=n, r=r, w=w, partitions=parts)


def quorum_point(seed: int, n: int, r: int, w: int, length: float) -> dict[str, Any]:
    """One run of the grid, as JSON-ready figures.

    Availability per side counts the operations called while the partition lasted (with no
    partition: over the whole run, for the clients of the same replicas).
    """
    split = majority_minority(n, START, START + max(length, 1.0))
    run = quorum_run(seed, n, r, w, length)
    window = (split.start, split.end) if length else (0.0, math.inf)
    ops = report.during(run.history, *window)
    sides = [
        report.availability(op for op in ops if run.attached[run.client_of(op.process)] in group)
        for group in split.groups
    ]
    check = report.check(run)
    _, p99 = report.latency_summary(run.history)
    return {
        "setting": setting_name(n, r, w),
        "partition (ms)": length,
        "majority side available": sides[0].rate,
        "minority side available": sides[1].rate,
        "available overall": report.availability(run.history).rate,
        "p99 latency (ms)": p99,
        "stale-read rate": report.stale_rate(run.history)[2],
        "linearizable": check.linearizable,
        "states explored": check.states_explored,
    }


def quorum_grid(
    seed: int = 1,
    lengths: Sequence[float] = LENGTHS,
    settings: Sequence[tuple[int, int, int]] = SETTINGS,
) -> dict[str, dict[str, Any]]:
    """Every (length, setting) point, keyed by :func:`week4.render.explorable.setting_key`."""
    return {
        setting_key(length, setting_name(*s)): quorum_point(seed, *s, length)
        for length in lengths
        for s in settings
    }


def _shown(point: Mapping[str, Any]) -> dict[str, str]:
    """The point's figures as the reader sees them: percentages, ms, ✓ or ✗."""
    p99 = point["p99 latency (ms)"]
    verdict = {True: "✓", False: "✗", None: "?"}[point["linearizable"]]
    return {
        "majority available": f"{point['majority side available']:.0%}",
        "minority available": f"{point['minority side available']:.0%}",
        "overall available": f"{point['available overall']:.0%}",
        "p99 latency": "—" if p99 is None else f"{p99:.1f} ms",
        "stale reads": f"{point['stale-read rate']:.0%}",
        "linearizable?": f"{verdict} ({point['states explored']} states)",
    }


def quorum_view(point: Mapping[str, Any], baseline: Mapping[str, Any] | None = None) -> str:
    """A bar chart of availability per side and stale reads, over a one-row table.

    Args:
        point: The setting shown.
        baseline: The same N, R, W without a partition, drawn beside it for comparison.
    """
    bars = ["majority side available", "minority side available", "stale-read rate"]
    series = [Series(point["setting"], [0, 1, 2], [float(point[b]) for b in bars])]
    if baseline is not None and point["partition (ms)"]:
        series.append(Series("no partition", [0, 1, 2], [float(baseline[b]) for b in bars]))
    chart = bar_chart(
        ["majority side available", "minority side available", "reads that were stale"],
        series,
        title=f"During the {point['partition (ms)']:g} ms partition"
        if point["partition (ms)"]
        else "No partition: the whole run",
        x_label="",
        y_label="share of operations",
    )
    shown = _shown(point)
    head = "".join(f"<th>{escape(k)}</th>" for k in shown)
    cells = "".join(f"<td>{escape(v)}</td>" for v in shown.values())
    table = f"<table><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    return f"<div>\n{chart}\n{table}\n</div>"


def quorum_summary(point: Mapping[str, Any]) -> str:
    """One sentence for screen readers and the caption."""
    verdict = "linearizable" if point["linearizable"] else "not linearizable"
    return (
        f"minority side {point['minority side available']:.0%} available, "
        f"{point['stale-read rate']:.0%} of reads stale, {verdict}"
    )


def quorum_explorable(
    seed: int = 1,
    lengths: Sequence[float] = LENGTHS,
    settings: Sequence[tuple[int, int, int]] = SETTINGS,
) -> str:
    """The explorable figure's HTML over :func:`quorum_grid` (0 ms is the baseline)."""
    grid = quorum_grid(seed, lengths, settings)
    return explorable(
        "cap-quorum",
        "Quorums under a partition",
        [
            Control.slider("length", "Partition length", lengths, default=400.0, unit="ms"),
            Control.select(
                "nrw",
                "Replicas and quorums",
                [setting_name(*s) for s in settings],
                default=setting_name(3, 2, 2),
            ),
        ],
        grid,
        lambda point: quorum_view(point, grid.get(setting_key(0.0, point["setting"]))),
        summary=quorum_summary,
    )


@functools.cache
def pacelc(seed: int = 1, n: int = 3) -> Result:
    """The ``pacelc-sweep`` scenario's result (cached: the chart and its notes share it)."""
    return pacelc_result(seed, n)


def _merge_equal(series: Sequence[Series]) -> list[Series]:
    """Series with the same points drawn once, named together (no line hidden under another)."""
    merged: dict[tuple[tuple[float, ...], tuple[float, ...]], list[str]] = {}
    for one in series:
        merged.setdefault((tuple(one.xs), tuple(one.ys)), []).append(one.name)
    return [Series(", ".join(names), list(xs), list(ys)) for (xs, ys), names in merged.items()]


def pacelc_chart(points: Sequence[Mapping[str, Any]]) -> str:
    """The two prices of PACELC's "else", each against the link latency, per (R, W).

    Two charts: the p99 latency of the slower operation (read or write), and the stale-read
    rate (in %). Settings with identical points share one line, named together, so no line
    hides under another. ``points`` are :func:`pacelc`'s ``data["points"]``.
    """
    names = list(dict.fromkeys(f"R={p['r']} W={p['w']}" for p in points))

    def series(value: Callable[[Mapping[str, Any]], float]) -> list[Series]:
        out = []
        for name in names:
            mine = [p for p in points if f"R={p['r']} W={p['w']}" == name]
            out.append(Series(name, [p["latency"] for p in mine], [value(p) for p in mine]))
        return out

    latency = line_chart(
        _merge_equal(series(lambda p: max(p["read_p99"] or 0.0, p["write_p99"] or 0.0))),
        title="Pay in latency: p99 of the slower operation",
        x_label="mean one-way link latency (ms)",
        y_label="p99 latency (ms)",
    )
    stale = line_chart(
        _merge_equal(series(lambda p: round(100 * p["stale_rate"], 1))),
        title="…or in stale reads",
        x_label="mean one-way link latency (ms)",
        y_label="stale reads (%)",
    )
    return latency + "\n" + stale


def pacelc_table(points: Sequence[Mapping[str, Any]], n: int = 3) -> Table:
    """One row per (R, W), one column per link latency: p99 of the slower operation, staleness."""
    latencies = list(dict.fromkeys(p["latency"] for p in points))
    rows: list[Sequence[Any]] = []
    for r, w in dict.fromkeys((p["r"], p["w"]) for p in points):
        mine = {p["latency"]: p for p in points if (p["r"], p["w"]) == (r, w)}
        cells = [
            f"{max(mine[t]['read_p99'] or 0.0, mine[t]['write_p99'] or 0.0):.0f} ms, "
            f"{mine[t]['stale_rate']:.0%} stale"
            for t in latencies
        ]
        rows.append([f"R={r} W={w}", "yes" if r + w > n else "no", *cells])
    return Table(["", "R + W > N", *(f"{t:g} ms links" for t in latencies)], rows)
