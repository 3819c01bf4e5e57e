"""A generated drawing of a consistent-hash ring: every virtual node as a tick on a circle.

Each shard's virtual nodes share its colour; the arc that runs clockwise up to a virtual node
belongs to its shard (Karger et al., 1997), so the coloured arcs show each shard's share.
"""

from __future__ import annotations

import math
from html import escape

from week4.render.charts import PALETTE
from week4.sharding.strategies import RingStrategy

SIZE, CENTRE, RADIUS = 640, 250, 190
_TURN = 2**64


def _at(position: int, radius: float) -> tuple[float, float]:
    angle = position / _TURN * 2 * math.pi - math.pi / 2
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _arc(start: int, end: int, colour: str) -> str:
    x0, y0 = _at(start, RADIUS)
    x1, y1 = _at(end, RADIUS)
    large = 1 if (end - start) % _TURN > _TURN // 2 else 0
    return (
        f'<path d="M {x0:.1f} {y0:.1f} A {RADIUS} {RADIUS} 0 {large} 1 {x1:.1f} {y1:.1f}" '
        f'fill="none" stroke="{colour}" stroke-width="14"/>'
    )


def ring_svg(ring: RingStrategy, *, title: str) -> str:
    """The ring of ``ring``: coloured arcs (each shard's share), ticks at its virtual nodes.

    Args:
        ring: A ring strategy (keep it to a few hundred points for a legible drawing).
        title: The drawing's title, also its accessible name.
    """
    points = ring.points
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(ring.shards)}
    share = dict.fromkeys(ring.shards, 0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {2 * CENTRE}" '
        f'class="week4-chart" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="13" fill="currentColor">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (position, shard) in enumerate(points):
        previous = points[i - 1][0]
        share[shard] += (position - previous) % _TURN or _TURN
        out.append(_arc(previous, position, colour[shard]))
    for position, shard in points:
        x0, y0 = _at(position, RADIUS - 12)
        x1, y1 = _at(position, RADIUS + 12)
        out.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
            f'stroke="currentColor" stroke-width="1.5"><title>{escape(shard)}</title></line>'
        )
    out.append(
        f'<text x="{CENTRE}" y="{CENTRE}" text-anchor="middle" font-size="14">'
        f"{len(points)} virtual nodes</text>"
    )
    out.append(
        f'<text x="{CENTRE}" y="{CENTRE + 20}" text-anchor="middle">{ring.vnodes} per shard</text>'
    )
    for i, shard in enumerate(ring.shards):
        y = 40 + 24 * i
        out.append(f'<rect x="480" y="{y - 11}" width="14" height="14" fill="{colour[shard]}"/>')
        part = share[shard] / _TURN * 100
        out.append(f'<text x="500" y="{y}">{escape(shard)}: {part:.1f}% of ring</text>')
    out.append("</svg>")
    return "\n".join(out)
