"""What only the sharding pages and the CLI draw: tables, the ring, the reshard's timeline.

Nothing here is needed to route keys or move rows; the library part
(:mod:`week4.sharding.strategies`, :mod:`week4.sharding.analysis`,
:mod:`week4.sharding.reshard`) never imports it.
"""

from week4.sharding.figures.explore import explore_ring
from week4.sharding.figures.ring_drawing import ring_svg
from week4.sharding.figures.tables import balance_table, movement_table, percent
from week4.sharding.figures.timeline import events_table, timeline_svg

__all__ = [
    "balance_table",
    "events_table",
    "explore_ring",
    "movement_table",
    "percent",
    "ring_svg",
    "timeline_svg",
]
