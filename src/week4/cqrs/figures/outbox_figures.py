"""The outbox and rebuild pages' tables."""

from __future__ import annotations

from collections.abc import Sequence

from week4.cqrs.simulations.outbox import OutboxReport
from week4.cqrs.simulations.rebuild import RebuildSummary
from week4.render.tables import Table


def outbox_table(reports: Sequence[OutboxReport]) -> Table:
    """Per design: crashes, committed changes, lost, delivered twice, applied twice."""
    return Table(
        ["design", "crashes", "committed", "lost", "delivered twice", "applied twice"],
        [
            [r.design, r.crashes, r.committed, r.lost, r.duplicated, r.applied_twice]
            for r in reports
        ],
    )


def rebuild_table(summaries: Sequence[RebuildSummary]) -> Table:
    """Per mode: queries during the rebuild, wrong answers, how far behind, how long."""
    return Table(
        ["mode", "queries", "during", "wrong balance", "not found", "went back", "took (ms)"],
        [
            [
                s.mode,
                s.queries,
                s.during,
                s.wrong_balance,
                s.not_found,
                s.went_back,
                s.rebuild_ms,
            ]
            for s in summaries
        ],
    )
