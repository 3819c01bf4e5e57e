"""Small, dependency-free SVG charts that are byte-identical for the same input.

The charts are written by hand rather than with matplotlib: pure Python runs in Pyodide
without a 10 MB download, output is stable by construction (no hash salts or metadata to pin),
and text and axes use ``currentColor`` so the same SVG reads well in light and dark mode.
Series colours are a palette chosen to be legible on both backgrounds (Okabe & Ito's
colour-blind-safe set).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7f7f7f")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 36, 52


@dataclass(frozen=True)
class Series:
    """One named line or bar group: x values and y values of equal length."""

    name: str
    xs: Sequence[float]
    ys: Sequence[float]


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (Heckbert's 'nice numbers')."""
    if high - low < 1e-9 * max(1.0, abs(low), abs(high)):
        high = low + max(1.0, abs(low))
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _label(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.2e}"


def _frame(title: str, x_label: str, y_label: str, label: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="week4-chart" role="img" aria-label="{escape(label or title)}" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:g}" y="20" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{escape(title)}</text>',
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:g}" y="{HEIGHT - 8}" '
        f'text-anchor="middle">{escape(x_label)}</text>',
        f'<text transform="translate(14 {(TOP + HEIGHT - BOTTOM) / 2:g}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>',
    ]


def _y_axis(ticks: list[float], y_of: Callable[[float], float]) -> list[str]:
    out = []
    for t in ticks:
        y = y_of(t)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{_num(y + 4)}" text-anchor="end">{_label(t)}</text>')
    return out


def _legend(names: Sequence[str]) -> list[str]:
    out = []
    x = LEFT
    for i, name in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="35">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return out


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    label: str = "",
) -> str:
    """An SVG line chart with markers, gridlines, axis labels and a legend."""
    xs = [x for s in series for x in s.xs]
    ys = [y for s in series for y in s.ys]
    if not xs:
        raise ValueError("line_chart needs at least one point")
    x_ticks = _nice_ticks(min(xs), max(xs))
    y_ticks = _nice_ticks(min(0.0, *ys), max(ys))
    x0, x1, y0, y1 = x_ticks[0], x_ticks[-1], y_ticks[0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 8

    def x_of(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * plot_w

    def y_of(y: float) -> float:
        return TOP + 8 + plot_h - (y - y0) / (y1 - y0) * plot_h

    out = _frame(title, x_label, y_label, label) + _y_axis(y_ticks, y_of)
    for t in x_ticks:
        out.append(
            f'<text x="{_num(x_of(t))}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{_label(t)}</text>'
        )
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = " ".join(
            f"{_num(x_of(x))},{_num(y_of(y))}" for x, y in zip(s.xs, s.ys, strict=True)
        )
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in zip(s.xs, s.ys, strict=True):
            out.append(
                f'<circle cx="{_num(x_of(x))}" cy="{_num(y_of(y))}" r="3" fill="{colour}">'
                f"<title>{escape(s.name)}: ({_label(x)}, {_label(y)})</title></circle>"
            )
    out += _legend([s.name for s in series])
    out.append("</svg>")
    return "\n".join(out)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    label: str = "",
) -> str:
    """An SVG grouped bar chart: one group per category, one bar per series.

    Each series' ``ys`` holds one value per category (its ``xs`` are ignored).
    """
    ys = [y for s in series for y in s.ys]
    if not categories or not ys:
        raise ValueError("bar_chart needs at least one category and one value")
    y_ticks = _nice_ticks(0.0, max(ys))
    y0, y1 = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 8

    def y_of(y: float) -> float:
        return TOP + 8 + plot_h - (y - y0) / (y1 - y0) * plot_h

    out = _frame(title, x_label, y_label, label) + _y_axis(y_ticks, y_of)
    group_w = plot_w / len(categories)
    bar_w = group_w * 0.8 / max(len(series), 1)
    for c, category in enumerate(categories):
        gx = LEFT + c * group_w + group_w * 0.1
        out.append(
            f'<text x="{_num(gx + group_w * 0.4)}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
        for i, s in enumerate(series):
            value = s.ys[c]
            top = y_of(value)
            out.append(
                f'<rect x="{_num(gx + i * bar_w)}" y="{_num(top)}" width="{_num(bar_w - 2)}" '
                f'height="{_num(y_of(y0) - top)}" fill="{PALETTE[i % len(PALETTE)]}">'
                f"<title>{escape(s.name)} · {escape(category)}: {_label(value)}</title></rect>"
            )
    out += _legend([s.name for s in series])
    out.append("</svg>")
    return "\n".join(out)
