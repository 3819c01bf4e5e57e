"""What a live reshard reports: the rows each migration moved, and the whole run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from week4.sharding.reshard.audit import Audit


@dataclass(frozen=True)
class Moved:
    """One finished migration: its shard counts and the rows it moved, beside the ideal.

    Attributes:
        source: Shards before.
        target: Shards after.
        rows: Rows in the table at the cut-over.
        moved: Rows that changed shard.
        ideal: The fewest rows any scheme must move: |N' - N| / max(N, N') of the rows.
    """

    source: int
    target: int
    rows: int
    moved: int
    ideal: float

    @property
    def share(self) -> float:
        """The fraction of the table's rows that changed shard (0 when the table is empty)."""
        return self.moved / self.rows if self.rows else 0.0


@dataclass
class LiveRun:
    """What happened during a live reshard.

    Attributes:
        timeline: One entry per migration step: time, phase, counters, traffic so far.
        events: Named moments (start, cut-over, done, crash) with their virtual time.
        migrations: One summary per finished migration.
        audit: The scan of every shard file at the end, against the acknowledged writes.
        before: Scatter-gather totals before the first migration.
        after: Scatter-gather totals after the last one.
        expected_after: What the acknowledged writes say the totals must be at the end.
        checks: Scatter-gather queries run during the migrations.
        check_failures: Of those, answers that differed from the acknowledged writes.
        naive_wrong: Of those, answers that would be wrong without the ownership filter.
        reads: Reads served.
        writes: Writes acknowledged.
        dual_writes: Writes also sent to a moving key's new shard.
        crashes: Crashes injected and recovered from.
        stale_reads: Reads that did not return the last acknowledged write.
        crash_points: Crash points passed (a run with ``crash_at`` below it crashes).
    """

    timeline: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[float, str]] = field(default_factory=list)
    migrations: list[Moved] = field(default_factory=list)
    audit: Audit | None = None
    before: tuple[int, int] = (0, 0)
    after: tuple[int, int] = (0, 0)
    expected_after: tuple[int, int] = (0, 0)
    checks: int = 0
    check_failures: int = 0
    naive_wrong: int = 0
    reads: int = 0
    writes: int = 0
    dual_writes: int = 0
    crashes: int = 0
    stale_reads: int = 0
    crash_points: int = 0
