"""What an outside observer of a simulation notes: when each position was written.

Nodes do not know how stale they are; the ledger does. It records the virtual time of every
append, so the age of the oldest event an answer is missing can be measured at the instant
the answer is given: the answer's **staleness** (0 when it reflects everything written so
far). This is the *t-visibility* of Bailis et al., *Probabilistically Bounded Staleness*
(VLDB 2012), measured rather than predicted.
"""

from __future__ import annotations


class Ledger:
    """Append times by global position, and staleness measured against them.

    Examples:
        >>> ledger = Ledger()
        >>> ledger.appended(1, 10.0)
        >>> ledger.appended(2, 15.0)
        >>> ledger.staleness(1, now=40.0)
        25.0
        >>> ledger.staleness(2, now=40.0)
        0.0
    """

    def __init__(self) -> None:
        self.times: dict[int, float] = {}
        self.head = 0

    def appended(self, position: int, now: float) -> None:
        """Note that ``position`` was written at ``now``."""
        self.times[position] = now
        self.head = max(self.head, position)

    def staleness(self, seen: int, now: float) -> float:
        """How old (ms) the oldest event after ``seen`` is at ``now``; 0.0 if there is none."""
        if seen >= self.head:
            return 0.0
        return now - self.times[seen + 1]
