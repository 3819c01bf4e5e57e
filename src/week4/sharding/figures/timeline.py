"""The live reshard's timeline: each migration's phases as bands over virtual time."""

from __future__ import annotations

from html import escape

from week4.render.charts import PALETTE
from week4.render.tables import Table
from week4.sharding.reshard import LiveRun

WIDTH, LEFT, RIGHT, LANE = 640, 110, 20, 34
PHASES = ("copying", "catching up", "cleaning up")


def _spans(run: LiveRun) -> list[tuple[int, str, float, float]]:
    """(migration, phase, from ms, to ms) for every phase of every migration."""
    spans: list[tuple[int, str, float, float]] = []
    for migration in sorted({p["migration"] for p in run.timeline}):
        points = [p for p in run.timeline if p["migration"] == migration]
        start = points[0]["time"]
        for previous, point in zip([None, *points], points, strict=False):
            if previous is not None and point["phase"] != previous["phase"]:
                spans.append((migration, previous["phase"], start, previous["time"]))
                start = previous["time"]
        spans.append((migration, points[-1]["phase"], start, points[-1]["time"]))
    return [s for s in spans if s[1] in PHASES]


def timeline_svg(run: LiveRun, *, title: str) -> str:
    """One lane per migration, a coloured band per phase; crashes drawn as red marks."""
    spans = _spans(run)
    end = max((p["time"] for p in run.timeline), default=1.0) or 1.0
    lanes = sorted({s[0] for s in spans})
    height = 70 + LANE * len(lanes) + 40

    def x_of(t: float) -> float:
        return LEFT + t / end * (WIDTH - LEFT - RIGHT)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="week4-chart" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="13" fill="currentColor">',
        f"<title>{escape(title)}</title>",
    ]
    x = LEFT
    for i, phase in enumerate(PHASES):
        out.append(f'<rect x="{x}" y="12" width="12" height="12" fill="{PALETTE[i]}"/>')
        out.append(f'<text x="{x + 16}" y="23">{phase}</text>')
        x += 30 + 8 * len(phase)
    for lane, migration in enumerate(lanes):
        y = 44 + lane * LANE
        label = next(f"{m.source} → {m.target}" for i, m in enumerate(run.migrations) if i == lane)
        out.append(f'<text x="{LEFT - 8}" y="{y + 17}" text-anchor="end">{label} shards</text>')
        for ident, phase, start, stop in spans:
            if ident != migration:
                continue
            width = max(x_of(stop) - x_of(start), 2.0)
            colour = PALETTE[PHASES.index(phase)]
            out.append(
                f'<rect x="{x_of(start):.1f}" y="{y}" width="{width:.1f}" height="24" '
                f'fill="{colour}"><title>{phase}: {start:.1f} to {stop:.1f} ms</title></rect>'
            )
    axis_y = 44 + LANE * len(lanes) + 14
    for i in range(5):
        t = end * i / 4
        out.append(f'<text x="{x_of(t):.1f}" y="{axis_y}" text-anchor="middle">{t:.1f} ms</text>')
    for time, event in run.events:
        if event.startswith("crash"):
            out.append(
                f'<line x1="{x_of(time):.1f}" x2="{x_of(time):.1f}" y1="36" y2="{axis_y - 14}" '
                f'stroke="#D55E00" stroke-width="3"><title>{escape(event)}</title></line>'
            )
    out.append(f'<text x="{WIDTH / 2}" y="{height - 8}" text-anchor="middle">virtual time</text>')
    out.append("</svg>")
    return "\n".join(out)


def events_table(run: LiveRun) -> Table:
    """The moments of the run: starts, phase changes, cut-overs, crashes, with their time."""
    return Table(["time", "event"], [[f"{t:.1f} ms", e] for t, e in run.events])
