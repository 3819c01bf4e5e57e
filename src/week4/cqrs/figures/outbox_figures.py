"""The outbox and rebuild pages' tables, and the lost update drawn from the trace."""

from __future__ import annotations

from collections.abc import Sequence

from week4.cqrs.simulations.outbox import OutboxReport, run_outbox
from week4.cqrs.simulations.rebuild import RebuildSummary
from week4.render.mermaid import sequence_diagram
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
    """Per mode: queries answered during the rebuild, wrong answers, and how long it took."""
    return Table(
        ["mode", "queries during", "wrong balance", "not found", "went back", "took (ms)"],
        [
            [
                s.mode,
                s.during,
                s.wrong_balance,
                s.not_found,
                s.went_back,
                s.rebuild_ms,
            ]
            for s in summaries
        ],
    )


def first_lost_update(seed: int = 1, crashes: int = 40) -> str:
    """The dual write around the first deposit that died between commit and publish.

    Returns:
        The Mermaid diagram (client, app, read) from just before that command to the
        client's next command, or a sentence if no crash hit that point in the run.
    """
    run = run_outbox(seed, "dual-write", crashes=crashes)
    trace = run.sim.trace
    for death in (e for e in trace if e.detail == "dies after-commit"):
        delivered = [
            e for e in trace if e.kind == "deliver" and e.node == "app" and e.time <= death.time
        ]
        if delivered and (delivered[-1].message or "").startswith("Deposit"):
            answers = [
                e
                for e in trace
                if e.kind == "deliver" and e.node == "client" and e.time > death.time
            ]
            until = answers[0].time if answers else death.time + 30.0
            return sequence_diagram(
                trace,
                participants=("client", "app", "read"),
                since=delivered[-1].time,
                until=until,
                max_events=20,
            )
    return f"No deposit died between commit and publish in {crashes} crashes."
