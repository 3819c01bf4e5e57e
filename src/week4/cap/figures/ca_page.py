"""The CAP page's "CA is not a choice" section: one 'CA' store, the same partition, twice.

Kleppmann ("A Critique of the CAP Theorem", 2015) and Abadi (2012) argue that "CA" is not a
third option: a system that assumes partitions do not happen still has to do something when
one does. :mod:`week4.cap.replicas.ca` runs that system; this module runs it under the page's
partition without failover (it blocks) and with failover (split brain, then rollback), and
measures both, as the ``cap-ca-partition`` scenario does.

Examples:
    >>> blocking, failover = ca_variants(seed=1)
    >>> compare(blocking).minority, report.lost_writes(failover.run) > 0
    (0.0, True)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from week4.cap.checker.history import Operation
from week4.cap.figures import report
from week4.cap.figures.page import CheckedRun, by_mode, checked, compare, mark, same_partition
from week4.cap.replicas.cluster import CapRun
from week4.render.tables import Table
from week4.render.units import ms
from week4.sim.trace import Kind, Trace


@functools.cache
def ca_variants(seed: int = 1) -> tuple[CheckedRun, CheckedRun]:
    """(without failover, with failover after 60 ms) under the page's partition (cached)."""
    return (
        checked("CA (no failover)", "ca", seed, failover=None),
        by_mode(same_partition(seed), "ca"),
    )


def ca_table(variants: Sequence[CheckedRun]) -> Table:
    """Availability per side, lost acknowledged writes, stale reads and the verdict."""
    rows: list[Sequence[Any]] = []
    for c in variants:
        m = compare(c)
        rows.append(
            [
                c.name,
                f"{m.majority:.0%}",
                f"{m.minority:.0%}",
                report.lost_writes(c.run),
                f"{m.stale_rate:.0%}",
                f"{mark(m.linearizable)} ({m.states})",
            ]
        )
    return Table(
        [
            "run",
            "available: majority side",
            "available: minority side",
            "acknowledged writes lost",
            "stale reads",
            "linearizable? (states explored)",
        ],
        rows,
    )


def _written(op: Operation) -> object:
    if op.f == "cas" and isinstance(op.input, tuple) and op.output is not False:
        return op.input[1]
    return op.input if op.f == "write" else None


def rolled_back_writes(run: CapRun) -> list[Operation]:
    """The acknowledged writes (and swaps) a deposed leader rolled back: lost for good.

    Their count is :func:`week4.cap.figures.report.lost_writes`; these are the operations.
    """
    lost = set(run.rolled_back)
    return [op for op in run.history if op.status == "ok" and _written(op) in lost - {None}]


def lost_writes_summary(run: CapRun) -> str:
    """One sentence: how many acknowledged writes were lost, by whom, when."""
    lost = rolled_back_writes(run)
    if not lost:
        return "No acknowledged write was lost."
    clients = sorted({run.client_of(op.process) for op in lost})
    replicas = sorted({run.attached[c] for c in clients})
    return (
        f"{len(lost)} acknowledged writes were lost, all made by {', '.join(clients)} "
        f"(on {', '.join(replicas)}) between {ms(lost[0].call)} and {ms(lost[-1].ret)}."
    )


def _what(kind: str, detail: str) -> str:
    return detail if kind == "state" else f"{kind}: {detail}"


def events_table(trace: Trace, kinds: Iterable[Kind] = ("partition", "heal", "state")) -> Table:
    """Partitions, heals and state changes of a trace: time, where, what happened."""
    wanted = set(kinds)
    rows: list[Sequence[Any]] = [
        [round(e.time, 1), e.node, _what(e.kind, e.detail).replace("|", "\\|")]
        for e in trace
        if e.kind in wanted
    ]
    return Table(["t (ms)", "at", "what happened"], rows)
