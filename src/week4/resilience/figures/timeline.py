"""A state timeline in SVG: one row per track, coloured spans, a time axis and a legend.

Drawn by hand like `week4.render.charts` (byte-stable, ``currentColor`` text, 12 px
type at the 720 px column); spans too short to see are drawn 2 px wide so that a brief
half-open state still shows. The legend sits under the axis, never over the spans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_W = 180
ROW_H = 26
TOP = 34


@dataclass(frozen=True)
class Span:
    """One coloured stretch of a track: ``[start, end)`` in ms, and its kind."""

    start: float
    end: float
    kind: str


def spans_from_states(states: Sequence[tuple[float, str]], end: float) -> list[Span]:
    """Turn ``(time, state)`` changes into spans that last until the next change or ``end``."""
    out = []
    for i, (time, state) in enumerate(states):
        until = states[i + 1][0] if i + 1 < len(states) else end
        if until > time or i + 1 == len(states):
            out.append(Span(time, max(until, time), state))
    return out


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def timeline_svg(
    tracks: Mapping[str, Sequence[Span]],
    colours: Mapping[str, str],
    *,
    end: float,
    title: str,
    legend: Mapping[str, str] | None = None,
) -> str:
    """An SVG with one row per track, time on the x axis in seconds.

    Args:
        tracks: Row label to its spans.
        colours: Span kind to fill colour; kinds without a colour are not drawn.
        end: The time the axis ends at (ms).
        title: The title above the rows.
        legend: Span kind to its legend label (default: the kinds, as named).
    """
    plot_w = WIDTH - LABEL_W - 16
    axis_y = TOP + ROW_H * len(tracks) + 4
    height = axis_y + 62

    def x_of(t: float) -> float:
        return LABEL_W + max(0.0, min(t, end)) / end * plot_w

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="week4-chart" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:g}" y="20" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{escape(title)}</text>',
    ]
    for row, (name, spans) in enumerate(tracks.items()):
        y = TOP + row * ROW_H
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 16}" text-anchor="end">{escape(name)}</text>')
        out.append(
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{plot_w}" height="{ROW_H - 6}" '
            'fill="none" stroke="currentColor" stroke-opacity="0.3"/>'
        )
        for span in spans:
            colour = colours.get(span.kind)
            if colour is None:
                continue
            x0, x1 = x_of(span.start), x_of(span.end)
            out.append(
                f'<rect x="{_num(x0)}" y="{y + 3}" width="{_num(max(x1 - x0, 2.0))}" '
                f'height="{ROW_H - 6}" fill="{colour}"><title>{escape(name)}: '
                f"{escape(span.kind)} from {span.start:.1f} ms to {span.end:.1f} ms</title></rect>"
            )
    step = _tick_step(end)
    tick = 0.0
    while tick <= end + 1e-9:
        x = x_of(tick)
        out.append(
            f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{axis_y}" y2="{axis_y + 4}" '
            'stroke="currentColor"/>'
        )
        out.append(
            f'<text x="{_num(x)}" y="{axis_y + 17}" text-anchor="middle">{tick / 1000:g}</text>'
        )
        tick += step
    out.append(
        f'<text x="{LABEL_W + plot_w / 2:g}" y="{axis_y + 33}" text-anchor="middle">time (s)</text>'
    )
    x = float(LABEL_W)
    for kind, text in (legend or {k: k for k in colours}).items():
        out.append(
            f'<rect x="{_num(x)}" y="{axis_y + 44}" width="10" height="10" fill="{colours[kind]}"/>'
        )
        out.append(f'<text x="{_num(x + 14)}" y="{axis_y + 53}">{escape(text)}</text>')
        x += 28 + 7 * len(text)
    out.append("</svg>")
    return "\n".join(out)


def _tick_step(end: float) -> float:
    for step in (100.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0, 10_000.0, 20_000.0):
        if end / step <= 10:
            return step
    return 60_000.0
