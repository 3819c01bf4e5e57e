"""Mermaid diagrams drawn from simulator traces.

A delivered message is an arrow (``->>``) at the time it arrived, a dropped one a cross
(``-x``) with the reason; state changes, crashes and restarts are notes over their node, and
partitions and heals are notes across the whole diagram.
"""

from __future__ import annotations

from collections.abc import Sequence

from week4.render.units import ms
from week4.sim.trace import Trace, TraceEvent

_ENTITIES = {"#": "#35;", ";": "#59;", "\n": " "}
# Narrow actor boxes and one short line per fact (time, message, fate): the diagram's width
# then comes from its shortest texts, so six participants fit the 720 px text column with
# their text at 12 px or more, instead of being scaled down to about 7 px.
_CONFIG = '%%{init: {"sequence": {"width": 64, "actorMargin": 24, "messageMargin": 40}}}%%'


def _escape(text: str) -> str:
    """Mermaid treats ``;`` and ``#`` specially in messages; use its entity codes."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _participants(events: Sequence[TraceEvent], order: Sequence[str] | None) -> list[str]:
    seen: list[str] = list(order or [])
    for e in events:
        for n in (e.node, e.peer):
            if n and n != "network" and n not in seen:
                seen.append(n)
    return seen


def sequence_diagram(
    trace: Trace,
    *,
    max_events: int = 60,
    participants: Sequence[str] | None = None,
    show_time: bool = True,
    since: float = 0.0,
    until: float = float("inf"),
) -> str:
    """A fenced Mermaid ``sequenceDiagram`` of the trace's deliveries, drops and notes.

    Args:
        trace: The trace to draw.
        max_events: Draw at most this many lines; a final note says how many were left out.
        participants: The column order (by default, order of first appearance).
        show_time: Prefix each arrow with its virtual time (0.1 ms, as on every page).
        since: Draw only events at or after this virtual time.
        until: Draw only events at or before this virtual time.
    """
    drawn = [e for e in trace if e.kind != "send" and since <= e.time <= until]
    nodes = _participants(trace.events, participants)
    lines = ["```mermaid", _CONFIG, "sequenceDiagram"]
    lines += [f"    participant {n}" for n in nodes]
    span = f"{nodes[0]},{nodes[-1]}" if len(nodes) > 1 else (nodes[0] if nodes else "network")
    for e in drawn[:max_events]:
        stamp = f"{ms(e.time)}<br/>" if show_time else ""
        label = _escape(e.message or "")
        if e.kind == "deliver":
            lines.append(f"    {e.peer}->>{e.node}: {stamp}{label}")
        elif e.kind == "drop":
            lines.append(f"    {e.node}-x{e.peer}: {stamp}{label}<br/>({_escape(e.detail)})")
        elif e.kind in {"partition", "heal"}:
            lines.append(f"    Note over {span}: {stamp}{e.kind}: {_escape(e.detail)}")
        elif e.kind in {"crash", "restart"}:
            lines.append(f"    Note over {e.node}: {stamp}{e.kind}")
        else:
            lines.append(f"    Note over {e.node}: {stamp}{_escape(e.detail)}")
    if len(drawn) > max_events:
        lines.append(f"    Note over {span}: … {len(drawn) - max_events} more events")
    lines.append("```")
    return "\n".join(lines)
