"""The PACELC sweep: with no partition at all, quorum sizes still trade latency for consistency.

Abadi ("Consistency Tradeoffs in Modern Distributed Database System Design: CAP is Only Part
of the Story", IEEE Computer 2012) extends CAP: if there is a Partition, choose Availability or
Consistency; Else, choose Latency or Consistency. Dynamo-style stores expose the second
choice as R and W (DeCandia et al. 2007): small quorums answer after the nearest replica,
large ones after the slowest of a majority. This sweep runs :func:`run_mode` in quorum mode
over a grid of (R, W) and network latencies, without partitions, and measures the p99
latency of reads and of writes and the stale-read rate of each point. Links have a long
tail (exponential), so some replica is often a straggler, as on a loaded network. It skips
the linearizability check to stay fast; the stale-read rate is the consistency measure.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.cap.figures import report
from week4.cap.replicas.cluster import run_mode
from week4.render.charts import Series, line_chart
from week4.render.tables import Table
from week4.render.units import ms
from week4.scenarios.result import Result

LATENCIES = (2.0, 5.0, 10.0, 20.0)


@dataclass(frozen=True)
class Point:
    """One run of the sweep."""

    r: int
    w: int
    latency: float
    read_p99: float | None
    write_p99: float | None
    stale_rate: float

    @property
    def config(self) -> str:
        """``R=1 W=2``."""
        return f"R={self.r} W={self.w}"


def configs(n: int) -> list[tuple[int, int]]:
    """The (R, W) pairs swept for ``n`` replicas: weak, then strong ones."""
    m = n // 2 + 1
    return list(dict.fromkeys([(1, 1), (m, 1), (m, m), (1, n), (n, 1)]))


def sweep(
    seed: int,
    n: int = 3,
    latencies: tuple[float, ...] = LATENCIES,
    clients: int = 3,
    duration: float = 400.0,
) -> list[Point]:
    """Run every (R, W) of :func:`configs` at every latency; one point per run."""
    points = []
    for r, w in configs(n):
        for latency in latencies:
            run = run_mode(
                "quorum",
                seed,
                nodes=n,
                clients=clients,
                r=r,
                w=w,
                latency=latency,
                tail=True,
                duration=duration,
                settle=0.0,
            )
            reads = report.latency_summary(op for op in run.history if op.f == "read")
            writes = report.latency_summary(op for op in run.history if op.f == "write")
            points.append(
                Point(r, w, latency, reads[1], writes[1], report.stale_rate(run.history)[2])
            )
    return points


def pacelc_result(seed: int, n: int) -> Result:
    """The sweep as a scenario result: a table, headline figures and chart series."""
    points = sweep(seed, n)
    names = list(dict.fromkeys(p.config for p in points))

    def series(field: str) -> list[Series]:
        return [
            Series(
                name,
                [p.latency for p in points if p.config == name],
                [getattr(p, field) or 0.0 for p in points if p.config == name],
            )
            for name in names
        ]

    at5 = [p for p in points if p.latency == 5.0]
    metrics: dict[str, int | float | str | bool | None] = {}
    for p in at5:
        metrics[f"{p.config}: p99 read / write latency at 5 ms (ms)"] = (
            f"{p.read_p99:g} / {p.write_p99:g}"
        )
        metrics[f"{p.config}: stale-read rate at 5 ms"] = p.stale_rate
    table = Table(
        [
            "R, W",
            "R+W>N",
            "link (ms)",
            "read p99 (ms)",
            "write p99 (ms)",
            "stale reads",
        ],
        [
            [p.config, p.r + p.w > n, p.latency, p.read_p99, p.write_p99, p.stale_rate]
            for p in points
        ],
    )
    return Result(
        metrics=metrics,
        tables={"sweep": table},
        notes=_notes(points, n),
        data={
            "points": [
                {
                    "r": p.r,
                    "w": p.w,
                    "latency": p.latency,
                    "read_p99": p.read_p99,
                    "write_p99": p.write_p99,
                    "stale_rate": p.stale_rate,
                }
                for p in points
            ],
            "read_latency_svg": line_chart(
                series("read_p99"),
                title="p99 read latency",
                x_label="mean one-way link latency (ms)",
                y_label="p99 read latency (ms)",
            ),
            "write_latency_svg": line_chart(
                series("write_p99"),
                title="p99 write latency",
                x_label="mean one-way link latency (ms)",
                y_label="p99 write latency (ms)",
            ),
            "stale_svg": line_chart(
                series("stale_rate"),
                title="Stale reads by quorum size",
                x_label="mean one-way link latency (ms)",
                y_label="stale-read rate",
            ),
        },
    )


def _notes(points: list[Point], n: int) -> list[str]:
    stale = [p for p in points if p.stale_rate > 0]
    weak = sorted({p.config for p in stale if p.r + p.w <= n})
    strong = [p for p in stale if p.r + p.w > n]
    worst = max(points, key=lambda p: (p.stale_rate, p.latency))
    notes = [
        f"N={n}, no partition. Stale reads appeared in {len(stale)} of {len(points)} runs"
        + (f", with {', '.join(weak)}." if weak else "."),
    ]
    if worst.stale_rate > 0:
        notes.append(
            f"The worst was {worst.config} over {ms(worst.latency)} links: "
            f"{worst.stale_rate:.0%} of reads were stale. Staleness with R + W <= N is a "
            "probability that grows with replication lag, not a certainty (Bailis et al., "
            "'Probabilistically Bounded Staleness', VLDB 2012)."
        )
    notes.append(
        "Quorums with R + W > N were never stale"
        if not strong
        else f"{len(strong)} runs with R + W > N had stale reads (clock skew?)"
    )
    notes[-1] += (
        "; they pay in latency instead, more so as links slow down: PACELC's 'else' "
        "choice (Abadi 2012)."
    )
    return notes
