"""A timeline of client operations as a hand-written SVG, in the style of Jepsen's timelines.

One row per client; each operation is a bar from its call to its return, coloured by its
outcome (``ok``, ``fail``, ``info``: unknown, drawn dashed up to the client's timeout), reads
thinner than writes. Partitions are shaded across all rows, and the operation a
linearizability checker could not place (its counterexample) is outlined and labelled.

Like :mod:`week4.render.charts`, the output is byte-identical for the same input, uses
``currentColor`` for text and axes (light and dark mode), and Okabe & Ito's colour-blind-safe
palette for the outcomes; every bar has a ``<title>`` tooltip with the operation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from html import escape

from week4.cap.checker.history import Operation
from week4.render.charts import _nice_ticks
from week4.render.units import ms

COLOURS = {"ok": "#0072B2", "fail": "#D55E00", "info": "#E69F00"}
HIGHLIGHT = "#CC79A7"
WIDTH, LEFT, RIGHT, TOP, ROW, BOTTOM = 640, 56, 16, 64, 26, 40

Span = tuple[float, float, str]


def tooltip(op: Operation) -> str:
    """An operation's hover text, its times at 0.1 ms like every figure's."""
    end = "unknown" if op.ret == math.inf else ms(op.ret)
    return f"process {op.process}: {op.label()}, called at {ms(op.call)}, returned {end}"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def timeline_svg(
    ops: Iterable[Operation],
    *,
    row_of: Callable[[Operation], str] | None = None,
    rows: Sequence[str] | None = None,
    partitions: Sequence[Span] = (),
    highlight: Operation | None = None,
    note: str = "",
    timeout: float = 100.0,
    end: float | None = None,
    title: str = "Client operations",
) -> str:
    """Draw operations per client, with partitions shaded.

    Args:
        ops: The operations (a history).
        row_of: The row of an operation (default: ``p<process>``).
        rows: The rows, top to bottom (default: in order of first call).
        partitions: ``(start, end, label)`` intervals to shade.
        highlight: An operation to outline, e.g. a counterexample's stuck operation.
        note: The label next to the highlighted operation.
        timeout: How long an ``info`` bar is drawn (the client's timeout).
        end: The right end of the time axis (default: the last return or partition end).
        title: The chart title.
    """
    listed = sorted(ops, key=lambda o: (o.call, o.id))
    row = row_of or (lambda op: f"p{op.process}")
    order = list(rows) if rows is not None else list(dict.fromkeys(row(op) for op in listed))
    finish = [o.ret if o.ret != math.inf else o.call + timeout for o in listed]
    horizon = end if end is not None else max([*finish, *(p[1] for p in partitions), 1.0])
    ticks = _nice_ticks(0.0, horizon, count=7)
    x_max = ticks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    caption = highlight is not None and any(op.id == highlight.id for op in listed)
    height = TOP + ROW * len(order) + BOTTOM + (20 if caption else 0)

    def x_of(t: float) -> float:
        return LEFT + min(t, x_max) / x_max * plot_w

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="week4-chart week4-timeline" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:g}" y="18" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{escape(title)}</text>',
    ]
    bottom = TOP + ROW * len(order)
    for start, stop, label in partitions:
        x0, x1 = x_of(start), x_of(stop)
        out.append(
            f'<rect x="{_num(x0)}" y="{TOP - 8}" width="{_num(x1 - x0)}" '
            f'height="{bottom - TOP + 8}" fill="currentColor" fill-opacity="0.1">'
            f"<title>partition {escape(label)} from {ms(start)} to {ms(stop)}</title></rect>"
        )
        out.append(f'<text x="{_num(x0 + 3)}" y="{TOP - 12}">partition {escape(label)}</text>')
    for i, name in enumerate(order):
        y = TOP + ROW * i + ROW / 2
        out.append(
            f'<text x="{LEFT - 8}" y="{_num(y + 4)}" text-anchor="end">{escape(name)}</text>'
        )
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
    for op, stop in zip(listed, finish, strict=True):
        name = row(op)
        if name not in order:
            continue
        y = TOP + ROW * order.index(name) + ROW / 2
        h = 8 if op.f == "read" else 14
        x0 = x_of(op.call)
        w = max(x_of(stop) - x0, 2.0)
        style = f'fill="{COLOURS[op.status]}"'
        outlined = highlight is not None and op.id == highlight.id
        if op.status == "info":
            style += ' fill-opacity="0.35" stroke-dasharray="3 2"'
            style += "" if outlined else f' stroke="{COLOURS["info"]}"'  # one stroke attribute
        if outlined:
            style += f' stroke="{HIGHLIGHT}" stroke-width="3"'
        out.append(
            f'<rect x="{_num(x0)}" y="{_num(y - h / 2)}" width="{_num(w)}" height="{h}" '
            f"{style}><title>{escape(tooltip(op))}</title></rect>"
        )
        if highlight is not None and op.id == highlight.id:
            # The label goes under the axis, never over the bars: the outline marks the bar.
            text = note or f"cannot be placed: {op.label()}"
            out.append(
                f'<text x="{LEFT}" y="{bottom + 52}" font-weight="bold" fill="{HIGHLIGHT}">'
                f"outlined: {escape(text)}</text>"
            )
    for t in ticks:
        out.append(f'<text x="{_num(x_of(t))}" y="{bottom + 16}" text-anchor="middle">{t:g}</text>')
    out.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:g}" y="{bottom + 32}" '
        'text-anchor="middle">virtual time (ms)</text>'
    )
    out += _legend()
    out.append("</svg>")
    return "\n".join(out)


def _legend() -> list[str]:
    out = []
    x = LEFT
    for status, text in (("ok", "ok"), ("fail", "fail"), ("info", "unknown (info)")):
        out.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{COLOURS[status]}"/>')
        out.append(f'<text x="{x + 14}" y="35">{text}</text>')
        x += 24 + 7 * len(text)
    out.append(f'<text x="{x}" y="35">thin bars: reads</text>')
    return out
