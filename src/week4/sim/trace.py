"""The trace: every send, delivery, drop and state change, with its virtual time.

Maelstrom's journal is the model: the trace is data, so pages can draw it as a table, a
sequence diagram or a timeline, and tests can assert on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["send", "deliver", "drop", "state", "crash", "restart", "partition", "heal", "note"]


def describe(message: object) -> str:
    """A short, deterministic label for a message: ``Name(field=value, ...)`` for dataclasses."""
    label = getattr(message, "label", None)
    if isinstance(label, str):
        return label
    if dataclasses.is_dataclass(message) and not isinstance(message, type):
        fields = ", ".join(
            f"{f.name}={getattr(message, f.name)!r}" for f in dataclasses.fields(message)
        )
        return f"{type(message).__name__}({fields})"
    return str(message)


@dataclass(frozen=True)
class TraceEvent:
    """One line of the trace.

    Attributes:
        time: Virtual time in milliseconds.
        kind: What happened (send, deliver, drop, state, crash, restart, partition, heal, note).
        node: The node it happened at (the sender for send and drop).
        peer: The other end of a message, if any.
        message: The message label, if any.
        msg_id: The message's id, shared by its send, deliveries and drops.
        detail: Free text: a drop's reason, a state change, a note.
    """

    time: float
    kind: Kind
    node: str
    peer: str | None = None
    message: str | None = None
    msg_id: int | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (time rounded to microseconds for stable output)."""
        out = dataclasses.asdict(self)
        out["time"] = round(self.time, 3)
        return out


class Trace:
    """An append-only list of :class:`TraceEvent` in the order they happened."""

    def __init__(self) -> None:
        self.events: list[TraceEvent] = []

    def record(self, event: TraceEvent) -> None:
        """Append one event."""
        self.events.append(event)

    def __iter__(self) -> Iterator[TraceEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def of_kind(self, *kinds: Kind) -> list[TraceEvent]:
        """The events of the given kinds, in order."""
        return [e for e in self.events if e.kind in kinds]

    def count(self, kind: Kind) -> int:
        """How many events of one kind."""
        return sum(1 for e in self.events if e.kind == kind)

    def to_dicts(self) -> list[dict[str, Any]]:
        """The whole trace as JSON-ready dicts."""
        return [e.to_dict() for e in self.events]
