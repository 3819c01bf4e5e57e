"""The replicas page's figures: violations per routing, and what one user saw over time."""

from __future__ import annotations

from collections.abc import Sequence

from week4.cqrs.simulations.replicas import ReplicaRun, ReplicaSummary
from week4.render.charts import Series, line_chart
from week4.render.tables import Table


def routing_table(summaries: Sequence[ReplicaSummary]) -> Table:
    """Per routing: reads, "not yet" answers, reads that went back, missed own writes."""
    return Table(
        ["routing", "reads", "not yet", "went back", "missed own write", "users affected"],
        [
            [s.routing, s.reads, s.not_yet, s.went_back, s.missed_own_write, s.users_affected]
            for s in summaries
        ],
    )


def positions_seen(run: ReplicaRun, user: str) -> Series:
    """The positions one user's answered reads reflected, in time order."""
    reads = [r for r in run.reads if r.user == user and r.seen is not None]
    return Series(run.routing, [round(r.at, 1) for r in reads], [r.seen or 0 for r in reads])


def positions_chart(runs: Sequence[ReplicaRun], user: str) -> str:
    """One user's reads under each routing: the log position each answer reflected."""
    return line_chart(
        [positions_seen(run, user) for run in runs],
        title=f"What {user} saw: the position each answer reflects",
        x_label="virtual time (ms)",
        y_label="log position seen",
        label=f"Line chart: under random routing {user}'s answers sometimes drop to an older "
        "position; under sticky and session routing they never do.",
    )
