"""Logical clocks that order writes for last-writer-wins: Lamport clocks and hybrid logical clocks.

A :class:`Stamp` is totally ordered: ``(time, counter, node)``, the node name breaking ties,
so two replicas that compare the same two stamps always keep the same write (last-writer-wins,
as Cassandra and Dynamo's LWW mode do).

- :class:`LamportClock` (Lamport, "Time, clocks, and the ordering of events in a distributed
  system", CACM 1978): a counter, bumped on every event and pushed past every stamp received.
  It respects causality but knows nothing of real time, so of two writes made one after the
  other on different replicas that never talked, either may win.
- :class:`HybridClock` (Kulkarni, Demirbas, Madappa, Avva & Leone, "Logical Physical Clocks",
  OPODIS 2014): ``time`` (the paper's ``l``) follows the largest physical time seen, and
  ``counter`` (``c``) counts events within the same ``time``. It respects causality like
  Lamport's clock and stays within the clock skew of physical time, so with synchronised
  clocks a write started after another one was acknowledged gets the larger stamp. With
  skewed clocks, a write from a fast clock can beat a later one: the lost update that LWW is
  known for.

The physical clock is injected (a callable returning milliseconds), never read from the
machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Stamp(NamedTuple):
    """A totally ordered timestamp: logical time, counter, then the node name.

    Examples:
        >>> Stamp(5.0, 0, "n1") < Stamp(5.0, 1, "n0") < Stamp(6.0, 0, "n0")
        True
        >>> str(Stamp(5.25, 1, "n2"))  # time to 0.1 ms, as on every page; then the counter
        '5.2:1@n2'
    """

    time: float
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.time:.1f}:{self.counter}@{self.node}"


ZERO = Stamp(0.0, 0, "")


class LamportClock:
    """Lamport's logical clock: a stamp's ``time`` is always 0, its ``counter`` is the counter.

    Args:
        node: The owner's name (the tie-breaker of its stamps).

    Examples:
        >>> a, b = LamportClock("a"), LamportClock("b")
        >>> s = a.tick()
        >>> b.observe(s)
        >>> b.tick() > s
        True
    """

    def __init__(self, node: str) -> None:
        self.node = node
        self.counter = 0

    def tick(self) -> Stamp:
        """A stamp for a local event (a write), larger than any seen so far."""
        self.counter += 1
        return Stamp(0.0, self.counter, self.node)

    def observe(self, stamp: Stamp) -> None:
        """Move past a stamp received from another node."""
        self.counter = max(self.counter, stamp.counter)


class HybridClock:
    """A hybrid logical clock (HLC) over an injected physical clock.

    Args:
        node: The owner's name (the tie-breaker of its stamps).
        physical: Returns this node's physical time in ms (virtual time plus its skew).

    Examples:
        >>> now = [10.0]
        >>> clock = HybridClock("n1", lambda: now[0])
        >>> clock.tick(), clock.tick()
        (Stamp(time=10.0, counter=0, node='n1'), Stamp(time=10.0, counter=1, node='n1'))
        >>> clock.observe(Stamp(12.0, 3, "n2"))
        >>> clock.tick()
        Stamp(time=12.0, counter=5, node='n1')
    """

    def __init__(self, node: str, physical: Callable[[], float]) -> None:
        self.node = node
        self.physical = physical
        self.time = 0.0
        self.counter = 0
        self._started = False

    def tick(self) -> Stamp:
        """A stamp for a local or send event (Kulkarni et al., Fig. 5, 'send')."""
        pt = self.physical()
        if self._started and self.time >= pt:
            self.counter += 1
        else:
            self.time, self.counter = pt, 0
        self._started = True
        return Stamp(self.time, self.counter, self.node)

    def observe(self, stamp: Stamp) -> None:
        """Merge a received stamp (Kulkarni et al., Fig. 5, 'receive')."""
        pt = self.physical()
        old = self.time
        self.time = max(old, stamp.time, pt)
        if self.time == old == stamp.time:
            self.counter = max(self.counter, stamp.counter) + 1
        elif self.time == old:
            self.counter += 1
        elif self.time == stamp.time:
            self.counter = stamp.counter + 1
        else:
            self.counter = 0
        self._started = True


Clock = LamportClock | HybridClock
