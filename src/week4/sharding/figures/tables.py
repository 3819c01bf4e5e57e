"""Tables of the sharding analyses, short enough for the 720 px column."""

from __future__ import annotations

from collections.abc import Sequence

from week4.render.tables import Table
from week4.sharding.analysis import Load, Movement


def percent(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage: ``percent(0.0909) == '9.1%'``."""
    return f"{fraction * 100:.{digits}f}%"


def balance_table(loads: Sequence[Load]) -> Table:
    """One row per strategy: keys on the busiest and the idlest shard, max/mean, CV."""
    return Table(
        ["strategy", "busiest", "idlest", "max/mean", "CV"],
        [
            [
                load.strategy,
                max(load.counts),
                min(load.counts),
                round(load.max_over_mean, 3),
                round(load.cv, 3),
            ]
            for load in loads
        ],
    )


def movement_table(rows: Sequence[Sequence[Movement]]) -> Table:
    """One row per strategy: the share of keys moved by each change, beside the ideal."""
    changes = [m.change for m in rows[0]]
    columns = ["strategy"]
    for change in changes:
        columns += [f"moved {change}", f"ideal {change}"]
    return Table(
        columns,
        [
            [ms[0].strategy, *(v for m in ms for v in (percent(m.fraction), percent(m.ideal)))]
            for ms in rows
        ],
    )
