"""Traces as tables: the simulator's journal, readable on a page or in a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from week4.render.tables import Table
from week4.sim.trace import Kind, Trace


def trace_table(trace: Trace, *, kinds: Iterable[Kind] | None = None, limit: int = 30) -> Table:
    """A table of the first ``limit`` trace events (optionally of some kinds only).

    Columns: virtual time, what happened, where, the other end, the message, and detail.
    """
    wanted = set(kinds) if kinds is not None else None
    rows: list[Sequence[object]] = []
    for event in trace:
        if wanted is not None and event.kind not in wanted:
            continue
        if len(rows) == limit:
            break
        rows.append(
            [
                round(event.time, 1),
                event.kind,
                event.node,
                event.peer or "",
                event.message or "",
                event.detail,
            ]
        )
    return Table(["t (ms)", "event", "at", "peer", "message", "detail"], rows)
