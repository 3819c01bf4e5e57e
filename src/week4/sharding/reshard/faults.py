"""Injected crashes at the points where a real process could die between two writes.

A migration calls ``faults.hit(label)`` at each such point; a test picks the one that raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class SimulatedCrash(Exception):  # noqa: N818 (a crash, not an error of the caller)
    """Raised at the chosen crash point: the process 'dies' there, nothing after runs."""


@dataclass
class Faults:
    """Counts crash points as they are passed, and raises at the ``crash_at``-th (from 0).

    Attributes:
        crash_at: The point to crash at, or None never to crash.
        passed: The labels of the points passed so far, in order.
    """

    crash_at: int | None = None
    passed: list[str] = field(default_factory=list)

    def hit(self, label: str) -> None:
        """Pass one crash point; raise :class:`SimulatedCrash` if it is the chosen one."""
        index = len(self.passed)
        self.passed.append(label)
        if index == self.crash_at:
            raise SimulatedCrash(f"crash at point {index}: {label}")
