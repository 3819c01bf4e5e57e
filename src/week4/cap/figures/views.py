"""Turn a :class:`~week4.cap.replicas.CapRun` into the figures, tables and data a page shows.

The scenarios of :mod:`week4.cap.scenarios` are thin wrappers over these, so the CLI, the
pages and the tests see the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from week4.cap.checker.counterexample import LinearizabilityResult
from week4.cap.checker.history import show
from week4.cap.checker.weaker import GuaranteeResult
from week4.cap.figures import report
from week4.cap.figures.timeline import timeline_svg
from week4.cap.replicas.cluster import CapRun
from week4.render.tables import Table
from week4.scenarios.result import Result

Scalar = int | float | str | bool | None


def verdict(result: LinearizabilityResult) -> str:
    """``linearizable``, ``not linearizable`` or ``unknown (budget ran out)``."""
    if result.linearizable is None:
        return "unknown (budget ran out)"
    return "linearizable" if result.linearizable else "not linearizable"


def run_metrics(
    run: CapRun, check: LinearizabilityResult, weaker: list[GuaranteeResult] | None = None
) -> dict[str, Scalar]:
    """The headline figures of one run, in display order (``weaker``: already checked)."""
    metrics: dict[str, Scalar] = {}
    for label, avail in report.side_availability(run).items() if run.partitions else ():
        rate = avail.rate if avail.attempted else None
        metrics[f"availability during the partition, {label}"] = rate
    overall = report.availability(run.history)
    p50, p99 = report.latency_summary(run.history)
    stale, _, rate = report.stale_rate(run.history)
    metrics.update(
        {
            "operations attempted": overall.attempted,
            "availability overall": overall.rate,
            "p50 latency (ms)": p50,
            "p99 latency (ms)": p99,
            "stale reads": stale,
            "stale-read rate": rate,
            "consistency": verdict(check),
            "states explored": check.states_explored,
            "replicas agree at the end": run.converged,
        }
    )
    if run.partitions:
        metrics["agreement after heal (ms)"] = report.convergence_delay(run)
    for guarantee in report.guarantees(run, check.linearizable) if weaker is None else weaker:
        metrics[guarantee.guarantee] = _holds(guarantee)
    return metrics


def _holds(guarantee: GuaranteeResult) -> str:
    return {True: "holds", False: "violated", None: "unknown"}[guarantee.holds]


def guarantee_marks(weaker: list[GuaranteeResult]) -> str:
    """Compact verdicts, e.g. ``SC ✓ RYW ✓ MR ✗ EC ?``."""
    short = {
        "sequential consistency": "SC",
        "read-your-writes": "RYW",
        "monotonic reads": "MR",
        "eventual convergence": "EC",
    }
    marks = {True: "✓", False: "✗", None: "?"}
    return " ".join(f"{short.get(g.guarantee, g.guarantee)} {marks[g.holds]}" for g in weaker)


def guarantees_table(
    run: CapRun, check: LinearizabilityResult, weaker: list[GuaranteeResult] | None = None
) -> Table:
    """Linearizability and the weaker guarantees: verdict and one-line reason each."""
    first = check.describe().split("\n")[0]
    rows: list[Sequence[Any]] = [["linearizability", verdict(check), first]]
    found = report.guarantees(run, check.linearizable) if weaker is None else weaker
    rows += [[g.guarantee, _holds(g), g.reason] for g in found]
    return Table(["guarantee", "verdict", "why"], rows)


def side_table(run: CapRun) -> Table:
    """Per side of the (first) partition: clients, attempted, ok, availability, latency."""
    rows: list[Sequence[Any]] = []
    sides = report.sides(run)
    part = run.partitions[0] if run.partitions else None
    window = (part.start, part.end) if part else (0.0, math.inf)
    for label, members in sides.items():
        ops = [
            op for op in report.during(run.history, *window) if run.client_of(op.process) in members
        ]
        avail = report.availability(ops)
        p50, p99 = report.latency_summary(ops)
        latency = "—" if p50 is None else f"{p50:.1f} / {p99:.1f}"
        rows.append([label, ", ".join(members), avail.attempted, avail.ok, avail.rate, latency])
    return Table(["side", "clients", "attempted", "ok", "availability", "p50 / p99 (ms)"], rows)


def replicas_table(run: CapRun) -> Table:
    """Each replica's final values."""
    return Table(
        ["replica", "values at the end"],
        [
            [name, ", ".join(f"{k}={v}" for k, v in values.items()) or "(empty)"]
            for name, values in run.final.items()
        ],
    )


def timeline(run: CapRun, check: LinearizabilityResult | None = None, title: str = "") -> str:
    """The SVG timeline of a run; the counterexample's stuck operation is outlined."""
    stuck = check.counterexample.stuck if check and check.counterexample else None
    return timeline_svg(
        run.history,
        row_of=lambda op: (
            f"{run.client_of(op.process)} ({run.attached[run.client_of(op.process)]})"
        ),
        rows=[f"{c} ({r})" for c, r in sorted(run.attached.items())],
        partitions=[(p.start, p.end, p.label) for p in run.partitions],
        highlight=stuck,
        timeout=run.config.timeout,
        title=title or f"{run.mode.upper()} mode: client operations",
    )


def ops_data(run: CapRun) -> list[dict[str, Any]]:
    """The history as JSON-ready rows (``ret`` None when unknown)."""
    return [
        {
            "id": op.id,
            "client": run.client_of(op.process),
            "process": op.process,
            "f": op.f,
            "key": op.key,
            "input": list(op.input) if isinstance(op.input, tuple) else op.input,
            "output": op.output,
            "call": round(op.call, 3),
            "ret": None if op.ret == math.inf else round(op.ret, 3),
            "status": op.status,
        }
        for op in run.history
    ]


def run_data(run: CapRun, check: LinearizabilityResult) -> dict[str, Any]:
    """Everything a page's figures need: the timeline, the operations, the divergence series."""
    counter = check.counterexample
    return {
        "timeline_svg": timeline(run, check),
        "operations": ops_data(run),
        "partitions": [
            {"start": p.start, "end": p.end, "groups": [list(g) for g in p.groups]}
            for p in run.partitions
        ],
        "divergence": {
            "t": [round(t, 3) for t, _ in run.divergence],
            "replicas_apart": [n for _, n in run.divergence],
        },
        "counterexample": None
        if counter is None
        else {
            "stuck": counter.stuck.id,
            "pending": [op.id for op in counter.pending],
            "prefix": [step.op.id for step in counter.prefix],
            "text": counter.describe(),
        },
        "stale_reads": [op.id for op in report.stale_reads(run.history)],
    }


def counterexample_note(check: LinearizabilityResult) -> str | None:
    """One sentence on why a history is not linearizable (the full text is in the data)."""
    counter = check.counterexample
    if counter is None:
        return None
    last = f", the last being {counter.prefix[-1].op.describe()}" if counter.prefix else ""
    return (
        f"Counterexample: {len(counter.prefix)} operations linearize{last}; then "
        f"{counter.stuck.describe()} cannot take effect anywhere before it returns "
        f"(the register holds {show(counter.state)})."
    )


def run_result(run: CapRun, notes: list[str], title: str = "") -> Result:
    """A scenario result for one run: metrics, tables, trace, notes and figure data."""
    check = report.check(run)
    weaker = report.guarantees(run, check.linearizable)
    data = run_data(run, check)
    data["timeline_svg"] = timeline(run, check, title)
    note = counterexample_note(check)
    return Result(
        metrics=run_metrics(run, check, weaker),
        tables={
            "per side": side_table(run),
            "guarantees": guarantees_table(run, check, weaker),
            "replicas": replicas_table(run),
        },
        trace=run.trace,
        notes=[*notes, *([note] if note else [])],
        data=data,
    )
