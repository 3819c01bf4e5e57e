"""Results that compare several runs: the two 'CA' variants, and every mode under random faults.

The scenarios of :mod:`week4.cap.scenarios` call these; each run is a
:func:`~week4.cap.replicas.cluster.run_mode` with the same seed, so the runs see the same
partitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from week4.cap.figures import report, views
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.faults import Partition
from week4.render.tables import Table
from week4.render.units import ms
from week4.scenarios.result import Result


def ca_result(
    seed: int,
    part: Partition,
    *,
    nodes: int,
    clients: int,
    latency: float,
    duration: float,
    failover_after: float,
) -> Result:
    """The same partition, without failover (it blocks) and with it (it loses writes)."""

    def run(failover: float | None) -> CapRun:
        return run_mode(
            "ca",
            seed,
            nodes=nodes,
            clients=clients,
            latency=latency,
            duration=duration,
            partitions=(part,),
            failover=failover,
        )

    blocking, failing = run(None), run(failover_after)
    result = views.run_result(failing, [], "'CA' with failover: client operations")
    blocked_check = report.check(blocking)
    rows: list[Sequence[Any]] = []
    for label, variant in (("no failover (blocks)", blocking), ("failover (split brain)", failing)):
        check = blocked_check if variant is blocking else report.check(variant)
        rows.append(
            [
                label,
                *(a.rate for a in report.side_availability(variant).values()),
                report.lost_writes(variant),
                report.stale_rate(variant.history)[0],
                views.verdict(check),
            ]
        )
    sides = list(report.sides(failing))
    result.tables = {
        "the two variants": Table(
            [
                "variant",
                *(f"{s} availability" for s in sides),
                "acknowledged writes lost",
                "stale reads",
                "consistency",
            ],
            rows,
        ),
        **result.tables,
    }
    lost = report.lost_writes(failing)
    result.metrics = {
        "lost acknowledged writes, with failover": lost,
        "minority availability, without failover": rows[0][2],
        "consistency, without failover": rows[0][-1],
        **result.metrics,
    }
    result.notes[:0] = [
        f"Partition {part.label} from {ms(part.start)} to {ms(part.end)}.",
        "Without failover the cut-off clients wait for a leader they cannot reach: the system "
        "stays consistent and is unavailable there, like CP without having chosen it.",
        f"With failover the cut-off side takes over after {ms(failover_after)} of silence; at "
        f"the heal the deposed leader rolls back {lost} acknowledged write(s). The metrics "
        "below are the failover run's.",
    ]
    result.data["blocking_timeline_svg"] = views.timeline(
        blocking, blocked_check, "'CA' without failover: client operations"
    )
    return result


def random_result(
    seed: int, *, nodes: int, clients: int, latency: float, duration: float
) -> Result:
    """CP, AP, quorum (majorities) and 'CA' (failover) under one random partition schedule."""
    rows: list[Sequence[Any]] = []
    runs = {}
    for mode in ("cp", "ap", "quorum", "ca"):
        run = run_mode(
            mode,
            seed,
            nodes=nodes,
            clients=clients,
            latency=latency,
            duration=duration,
            random_partitions=True,
        )
        check = report.check(run)
        runs[mode] = (run, check)
        p50, p99 = report.latency_summary(run.history)
        rows.append(
            [
                mode,
                report.availability(run.history).rate,
                p50,
                p99,
                report.stale_rate(run.history)[2],
                views.verdict(check),
                check.states_explored,
                views.guarantee_marks(report.guarantees(run, check.linearizable)),
            ]
        )
    cp_run, cp_check = runs["cp"]
    ap_run, ap_check = runs["ap"]
    schedule = cp_run.partitions
    metrics: dict[str, int | float | str | bool | None] = {"partitions": len(schedule)}
    for row in rows:
        metrics[f"{row[0]}: availability"] = row[1]
        metrics[f"{row[0]}: stale-read rate"] = row[4]
        metrics[f"{row[0]}: consistency"] = row[5]
    keys = [
        "mode",
        "availability",
        "p50 (ms)",
        "p99 (ms)",
        "stale-read rate",
        "consistency",
        "states explored",
        "weaker guarantees",
    ]
    # The page's table: p50 / p99 in one column and no states explored (in --json), so six
    # columns fit the 720 px text column.
    short = ["mode", "available", "p50 / p99 (ms)", "stale reads", "consistency", "weaker"]
    shown: list[Sequence[Any]] = [
        [mode, avail, _pair(p50, p99), stale, verdict, weaker]
        for mode, avail, p50, p99, stale, verdict, _states, weaker in rows
    ]
    table = Table(short, shown)
    leaders = [e.detail for e in cp_run.trace.of_kind("state") if "leader of" in e.detail]
    return Result(
        metrics=metrics,
        tables={
            "modes": table,
            "partitions": Table(
                ["from (ms)", "to (ms)", "groups"], [[p.start, p.end, p.label] for p in schedule]
            ),
        },
        trace=cp_run.trace,
        notes=[
            "The same seed gives every mode the same partition schedule.",
            "Weaker guarantees: SC sequential consistency, RYW read-your-writes, MR monotonic "
            "reads, EC eventual convergence (✓ holds, ✗ violated, ? unknown within the search "
            "budget).",
            f"CP elected {len(leaders)} new leader(s) when its leader was cut off from a "
            "majority; the trace shown is the CP run's.",
        ],
        data={
            "cp_timeline_svg": views.timeline(cp_run, cp_check, "CP under random partitions"),
            "ap_timeline_svg": views.timeline(ap_run, ap_check, "AP under random partitions"),
            "modes": [dict(zip(keys, row, strict=True)) for row in rows],
        },
    )


def _pair(p50: object, p99: object) -> str:
    """``p50 / p99`` at 0.1 ms, or a dash when nothing completed."""
    if not isinstance(p50, int | float) or not isinstance(p99, int | float):
        return "—"
    return f"{p50:.1f} / {p99:.1f}"
