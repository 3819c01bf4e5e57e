"""A counterexample, drawn: the operations around the one a linearizability checker cannot place.

:func:`week4.cap.figures.timeline.timeline_svg` draws a whole run, where an operation of 2 ms is a
sliver. This figure zooms in on a window around a
:class:`~week4.cap.checker.counterexample.Counterexample`,
in the spirit of Porcupine's visualizer and Knossos's ``linear.svg``: one row per client, every
operation labelled (``write("x", 17)``, ``read("x") -> 15``), the operation that cannot be
placed outlined in pink, and the operation it contradicts (the last one in the linearizable
prefix to change the state) outlined in green. Unknown outcomes run dashed to the window's end.

Like the other charts, the SVG is byte-identical for the same input and uses ``currentColor``
for text, so it reads in light and dark mode.

Examples:
    >>> from week4.cap.checker.history import Operation
    >>> from week4.cap.checker.linearizability import check_linearizable
    >>> ops = [
    ...     Operation("a", "write", input=1, call=0, ret=1),
    ...     Operation("b", "read", output=None, call=2, ret=3),
    ... ]
    >>> svg = counterexample_svg(ops, check_linearizable(ops).counterexample)
    >>> "cannot be placed: read() -&gt; nil" in svg, "it contradicts: write(1)" in svg
    (True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

from week4.cap.checker.counterexample import Counterexample
from week4.cap.checker.history import Operation
from week4.cap.figures.timeline import COLOURS, HIGHLIGHT, tooltip
from week4.render.charts import _nice_ticks
from week4.render.units import ms

#: Outline of the operation the stuck one contradicts (Okabe & Ito's bluish green).
CONTRADICTED = "#009E73"
WIDTH, LEFT, RIGHT, TOP, ROW, BOTTOM = 640, 64, 16, 58, 44, 40


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def contradicted(counter: Counterexample) -> Operation | None:
    """The last operation of the prefix that changed the state (None: the initial state).

    Examples:
        >>> from week4.cap.checker.history import Operation
        >>> from week4.cap.checker.linearizability import check_linearizable
        >>> ops = [Operation(0, "write", input=1, call=0, ret=1),
        ...        Operation(1, "read", output=1, call=2, ret=3),
        ...        Operation(1, "read", output=None, call=4, ret=5)]
        >>> contradicted(check_linearizable(ops).counterexample).label()
        'write(1)'
    """
    found, state = None, counter.model.init
    for step in counter.prefix:
        if step.state != state:
            found, state = step.op, step.state
    return found


def window_of(counter: Counterexample, pad: float = 0.5) -> tuple[float, float]:
    """A time window around the stuck operation and the operation it contradicts."""
    culprit = contradicted(counter)
    start = min(counter.stuck.call, culprit.call if culprit else counter.stuck.call)
    end = counter.stuck.ret
    margin = max((end - start) * pad, 1.0)
    return max(start - margin, 0.0), end + margin


def counterexample_svg(
    ops: Iterable[Operation],
    counter: Counterexample,
    *,
    row_of: Callable[[Operation], str] | None = None,
    rows: Sequence[str] | None = None,
    window: tuple[float, float] | None = None,
    partitions: Sequence[tuple[float, float, str]] = (),
    x_label: str = "virtual time (ms)",
    title: str = "The operation that cannot be placed",
) -> str:
    """Draw the operations of ``ops`` that overlap a window around the counterexample.

    Failed operations are left out: they never took effect, so the checker ignores them.

    Args:
        ops: The history the counterexample came from.
        counter: The checker's counterexample.
        row_of: The row of an operation (default: ``p<process>``).
        rows: The order of the rows (rows without an operation in the window are left out).
        window: ``(start, end)`` to draw (default: :func:`window_of`).
        partitions: ``(start, end, label)`` intervals to shade, as in the full timeline.
        x_label: The time axis' label (Jepsen log histories count lines, not ms).
        title: The figure's title.
    """
    start, end = window or window_of(counter)
    ticks = _nice_ticks(start, end, count=6)
    x0, x1 = ticks[0], ticks[-1]
    row = row_of or (lambda op: f"p{op.process}")
    shown = sorted(
        (op for op in ops if op.call <= x1 and op.ret >= x0 and op.status != "fail"),
        key=lambda o: (o.call, o.id),
    )
    present = list(dict.fromkeys(row(op) for op in shown))
    order = [r for r in (rows or present) if r in present]
    culprit = contradicted(counter)
    plot_w = WIDTH - LEFT - RIGHT
    bottom = TOP + ROW * len(order)

    def x_of(t: float) -> float:
        return LEFT + (min(max(t, x0), x1) - x0) / (x1 - x0) * plot_w

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {bottom + BOTTOM}" '
        f'class="week4-chart week4-timeline" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:g}" y="18" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{escape(title)}</text>',
        *_legend(),
    ]
    for p_start, p_end, label in partitions:
        if p_start < x1 and p_end > x0:
            left, right = x_of(p_start), x_of(p_end)
            out.append(
                f'<rect x="{_num(left)}" y="{TOP - 6}" width="{_num(right - left)}" '
                f'height="{bottom - TOP + 6}" fill="currentColor" fill-opacity="0.08">'
                f"<title>partition {escape(label)} from {ms(p_start)} to {ms(p_end)}</title></rect>"
            )
            out.append(  # above the plot, never over a bar
                f'<text x="{_num(right - 4)}" y="{TOP - 9}" text-anchor="end" '
                f'fill-opacity="0.7">partition {escape(label)}</text>'
            )
    for i, name in enumerate(order):
        y = TOP + ROW * i + ROW / 2 + 6
        out.append(
            f'<text x="{LEFT - 8}" y="{_num(y + 4)}" text-anchor="end">{escape(name)}</text>'
        )
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
    placed: dict[tuple[str, bool], list[tuple[float, float]]] = {}
    first = [op for op in shown if op in (counter.stuck, culprit)]
    for op in first + [op for op in shown if op not in first]:
        if row(op) in order:
            y = TOP + ROW * order.index(row(op)) + ROW / 2 + 6
            out += _bar(
                op, y, x_of=x_of, stuck=counter.stuck, culprit=culprit, placed=placed, row=row(op)
            )
    for t in ticks:
        out.append(f'<text x="{_num(x_of(t))}" y="{bottom + 16}" text-anchor="middle">{t:g}</text>')
    out.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:g}" y="{bottom + 32}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _label(op: Operation, stuck: Operation, culprit: Operation | None) -> tuple[str, str, str]:
    """The bar's label, its colour (empty: the text colour) and the bar's extra style."""
    if op == stuck:
        return f"cannot be placed: {op.label()}", HIGHLIGHT, f' stroke="{HIGHLIGHT}"'
    if op == culprit:
        return f"it contradicts: {op.label()}", CONTRADICTED, f' stroke="{CONTRADICTED}"'
    return op.label(), "", ""


def _bar(
    op: Operation,
    y: float,
    *,
    x_of: Callable[[float], float],
    stuck: Operation,
    culprit: Operation | None,
    placed: dict[tuple[str, bool], list[tuple[float, float]]],
    row: str,
) -> list[str]:
    """A bar and its label: above the bar, or below it when another label is in the way."""
    h = 8 if op.f in ("read", "get") else 14
    left, right = x_of(op.call), x_of(op.ret)  # unknown outcomes: ret is inf
    style = f'fill="{COLOURS[op.status]}"'
    label, colour, outline = _label(op, stuck, culprit)
    if op.status == "info":
        style += ' fill-opacity="0.35" stroke-dasharray="3 2"'
        style += "" if outline else f' stroke="{COLOURS["info"]}"'  # one stroke attribute
    if outline:
        style += outline + ' stroke-width="3"'
    anchor, tx = ("end", right) if left > WIDTH * 0.6 else ("start", left)
    width = 7.0 * len(label)
    span = (tx - width, tx) if anchor == "end" else (tx, tx + width)
    below = any(a < span[1] + 4 and span[0] < b + 4 for a, b in placed.get((row, False), []))
    placed.setdefault((row, below), []).append(span)
    ty = y + h / 2 + 12 if below else y - h / 2 - 4
    text_style = f' font-weight="bold" fill="{colour}"' if colour else ""
    return [
        f'<rect x="{_num(left)}" y="{_num(y - h / 2)}" width="{_num(max(right - left, 3.0))}" '
        f'height="{h}" {style}><title>{escape(tooltip(op))}</title></rect>',
        f'<text x="{_num(tx)}" y="{_num(ty)}" text-anchor="{anchor}" '
        f"{text_style}>{escape(label)}</text>",
    ]


def _legend() -> list[str]:
    out = []
    x = LEFT
    items = (
        (COLOURS["ok"], "", "ok"),
        (COLOURS["info"], "", "unknown"),
        ("none", HIGHLIGHT, "cannot be placed"),
        ("none", CONTRADICTED, "it contradicts"),
    )
    for fill, stroke, text in items:
        edge = f' stroke="{stroke}" stroke-width="2"' if stroke else ""
        out.append(f'<rect x="{x}" y="28" width="10" height="10" fill="{fill}"{edge}/>')
        out.append(f'<text x="{x + 14}" y="37">{text}</text>')
        x += 28 + 7 * len(text)
    out.append(f'<text x="{x}" y="37">thin bars: reads</text>')
    return out
