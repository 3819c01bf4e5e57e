"""The CAP page's runs and tables: four modes under one partition, side by side.

``docs/cap.md`` draws its figures from these functions, and ``tests/cap/test_cap_page.py``
asserts the facts the page states by calling the same ones, so the prose cannot drift from
the numbers. Every run is :func:`~week4.cap.replicas.cluster.run_mode` with the scenarios' defaults
(3 replicas, 3 clients, 5 ms links) under the scripted partition ``{n1,n2} | {n3}`` from 300
to 700 ms; availability follows Gilbert & Lynch (2002), "Brewer's conjecture and the
feasibility of consistent, available, partition-tolerant web services": every request to a
non-failing node must get an answer.

Examples:
    >>> runs = same_partition(seed=1)
    >>> [c.name for c in runs]
    ['CP', 'AP', 'quorum R=2 W=2', 'CA (failover)']
    >>> cp = compare(runs[0])
    >>> cp.majority, cp.minority, cp.linearizable
    (1.0, 0.0, True)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from week4.cap.checker.counterexample import LinearizabilityResult
from week4.cap.checker.history import Operation
from week4.cap.checker.weaker import GuaranteeResult
from week4.cap.figures import report
from week4.cap.figures.timeline import timeline_svg
from week4.cap.figures.zoom import counterexample_svg
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.config import MODES, CapConfig
from week4.cap.replicas.faults import majority_minority
from week4.render.tables import Table

#: The page's partition: the leader's majority {n1,n2} against {n3}, from 300 to 700 ms.
PARTITION = majority_minority(3, 300.0, 700.0)
#: How the page names each mode's run (CA runs with its default failover, after 60 ms).
NAMES = {"cp": "CP", "ap": "AP", "quorum": "quorum R=2 W=2", "ca": "CA (failover)"}


@dataclass(frozen=True)
class CheckedRun:
    """A run under :data:`PARTITION` with its linearizability verdict and weaker guarantees."""

    name: str
    run: CapRun
    check: LinearizabilityResult
    guarantees: tuple[GuaranteeResult, ...]


def checked(name: str, mode: str, seed: int = 1, **overrides: Any) -> CheckedRun:
    """Run ``mode`` under :data:`PARTITION` and check it (``overrides``: CapConfig fields)."""
    config = dataclasses.replace(CapConfig(partitions=(PARTITION,)), **overrides)
    run = run_mode(mode, seed, config=config)
    check = report.check(run)
    return CheckedRun(name, run, check, tuple(report.guarantees(run, check.linearizable)))


@functools.cache
def same_partition(seed: int = 1) -> tuple[CheckedRun, ...]:
    """CP, AP, quorum and CA under the same partition (cached: runs are deterministic)."""
    return tuple(checked(NAMES[mode], mode, seed) for mode in MODES)


def by_mode(runs: Sequence[CheckedRun], mode: str) -> CheckedRun:
    """The run of ``mode`` (``cp``, ``ap``, ``quorum`` or ``ca``)."""
    return next(c for c in runs if c.run.mode == mode)


@dataclass(frozen=True)
class Comparison:
    """One column of the side-by-side comparison (rates are 0..1, times virtual ms).

    Attributes:
        name: The run's name.
        majority: Availability of the majority side's clients during the partition.
        minority: Availability of the minority side's clients during the partition.
        overall: Availability over the whole run.
        p50: Median latency of the ``ok`` operations.
        p99: 99th percentile latency of the ``ok`` operations.
        stale_rate: Share of ``ok`` reads older than an acknowledged write.
        linearizable: The checker's verdict (None: budget ran out).
        states: Configurations the checker explored.
        agreement_after_heal: Ms from the heal until every replica held the same values.
    """

    name: str
    majority: float
    minority: float
    overall: float
    p50: float | None
    p99: float | None
    stale_rate: float
    linearizable: bool | None
    states: int
    agreement_after_heal: float | None


def compare(c: CheckedRun) -> Comparison:
    """Measure one run for the comparison table."""
    sides = list(report.side_availability(c.run).values())
    p50, p99 = report.latency_summary(c.run.history)
    return Comparison(
        name=c.name,
        majority=sides[0].rate,
        minority=sides[1].rate,
        overall=report.availability(c.run.history).rate,
        p50=p50,
        p99=p99,
        stale_rate=report.stale_rate(c.run.history)[2],
        linearizable=c.check.linearizable,
        states=c.check.states_explored,
        agreement_after_heal=report.convergence_delay(c.run),
    )


def mark(holds: bool | None) -> str:
    """✓, ✗ or ? for a verdict."""
    return {True: "✓", False: "✗", None: "?"}[holds]


def comparison_table(runs: Sequence[CheckedRun]) -> Table:
    """The runs side by side, one column each: availability, latency, staleness, verdict."""
    measured = [compare(c) for c in runs]

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}"

    def agreed(m: Comparison) -> str:
        return "never" if m.agreement_after_heal is None else ms(m.agreement_after_heal)

    rows: list[Sequence[Any]] = [
        ["available during the partition, majority side", *(f"{m.majority:.0%}" for m in measured)],
        ["available during the partition, minority side", *(f"{m.minority:.0%}" for m in measured)],
        ["available over the whole run", *(f"{m.overall:.0%}" for m in measured)],
        ["p50 latency (ms)", *(ms(m.p50) for m in measured)],
        ["p99 latency (ms)", *(ms(m.p99) for m in measured)],
        ["stale reads", *(f"{m.stale_rate:.0%}" for m in measured)],
        [
            "linearizable? (states explored)",
            *(f"{mark(m.linearizable)} ({m.states})" for m in measured),
        ],
        ["replicas agree again after the heal", *(agreed(m) for m in measured)],
    ]
    return Table(["", *(m.name for m in measured)], rows)


def _rows(c: CheckedRun) -> tuple[Callable[[Operation], str], list[str]]:
    """Row function and row order of a run's figures: ``c1 (n1)``, one per client."""

    def row(op: Operation) -> str:
        client = c.run.client_of(op.process)
        return f"{client} ({c.run.attached[client]})"

    return row, [f"{client} ({replica})" for client, replica in sorted(c.run.attached.items())]


def mode_timeline(c: CheckedRun, end: float = 1200.0) -> str:
    """The run's client operations as an SVG timeline, the partition shaded (common end)."""
    row, rows = _rows(c)
    return timeline_svg(
        c.run.history,
        row_of=row,
        rows=rows,
        partitions=[(p.start, p.end, p.label) for p in c.run.partitions],
        highlight=c.check.counterexample.stuck if c.check.counterexample else None,
        timeout=c.run.config.timeout,
        end=end,
        title=f"{c.name}: client operations",
    )


def counterexample_figure(c: CheckedRun, title: str = "") -> str:
    """The run's counterexample, zoomed in (:func:`week4.cap.figures.zoom.counterexample_svg`).

    Raises:
        ValueError: The run is linearizable (or unknown): there is no counterexample.
    """
    counter = c.check.counterexample
    if counter is None:
        raise ValueError(f"{c.name} has no counterexample: its verdict is {c.check.linearizable}")
    row, rows = _rows(c)
    return counterexample_svg(
        c.run.history,
        counter,
        row_of=row,
        rows=rows,
        partitions=[(p.start, p.end, p.label) for p in c.run.partitions],
        title=title or f"{c.name}: the read that cannot be placed",
    )
