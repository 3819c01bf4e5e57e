"""Virtual time: a heap of scheduled actions, run in (time, sequence) order.

The design follows SimPy's core (``simpy/core.py``): a binary heap of
``(time, priority, seq, event)`` where the sequence number, taken from a counter, orders
actions scheduled for the same instant in the order they were scheduled. Nothing here reads
the wall clock; time moves only when the next action is popped.

As in SimPy, the heap holds plain tuples ``(time, seq, timer)``: tuples compare in C, and
since no two entries share a sequence number the comparison never reaches the timer. The
whole site schedules about two million actions per build, so this loop is the simulator's
hottest code (``make bench`` measures it).
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from week4.errors import Week4Error
from week4.sim.trace import Trace

Action = Callable[[], None]


@dataclass(order=True, slots=True)
class Timer:
    """A scheduled action; cancel it to keep it from running.

    Attributes:
        time: The virtual time (milliseconds) at which the action runs.
        seq: Tie-breaker: actions at the same time run in scheduling order.
        action: The callable to run.
        cancelled: True once :meth:`cancel` was called.
    """

    time: float
    seq: int
    action: Action = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        """Keep this action from running (it stays in the heap and is skipped)."""
        self.cancelled = True


class Simulator:
    """A discrete-event scheduler with a virtual clock, seeded randomness and a trace.

    Args:
        seed: The seed of every random stream in this simulation.

    Examples:
        >>> sim = Simulator(seed=1)
        >>> out = []
        >>> _ = sim.schedule(5, lambda: out.append(sim.now))
        >>> sim.run()
        1
        >>> out
        [5.0]
    """

    def __init__(self, seed: int = 0) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise Week4Error(f"seed must be an integer, got {seed!r}")
        self.seed = seed
        self.now = 0.0
        self.trace = Trace()
        self._heap: list[tuple[float, int, Timer]] = []
        self._seq = 0
        self._streams: dict[str, random.Random] = {}

    def rng(self, name: str) -> random.Random:
        """Return the random stream for one component, derived from the seed and its name.

        Each component draws from its own stream, so adding a draw in one component does not
        shift the numbers another one sees. Seeding with a string is stable across runs and
        platforms (CPython hashes it with SHA-512, not with the randomised ``hash()``).
        """
        stream = self._streams.get(name)
        if stream is None:
            stream = random.Random(f"{self.seed}/{name}")
            self._streams[name] = stream
        return stream

    def schedule(self, delay: float, action: Action) -> Timer:
        """Run ``action`` after ``delay`` milliseconds of virtual time.

        Raises:
            Week4Error: ``delay`` is negative, NaN or infinite (an action that never runs
                would still hold its place in the heap; NaN would run out of order).
        """
        kind = type(delay)  # a plain int or float skips the general check (the hot path)
        plain = (kind is float or kind is int) and 0 <= delay < _INFINITY
        if not plain and (not _finite(delay) or delay < 0):
            raise Week4Error(f"delay must be a finite number >= 0, got {delay!r}")
        time = self.now + delay
        if time == _INFINITY:
            raise Week4Error(f"time must be a finite number, got {time!r}")
        self._seq = seq = self._seq + 1
        timer = Timer(time, seq, action)
        heapq.heappush(self._heap, (time, seq, timer))
        return timer

    def at(self, time: float, action: Action) -> Timer:
        """Run ``action`` at virtual time ``time`` (not earlier than now, and finite)."""
        if not _finite(time):
            raise Week4Error(f"time must be a finite number, got {time!r}")
        if time < self.now:
            raise Week4Error(f"cannot schedule in the past: {time} < now {self.now}")
        self._seq = seq = self._seq + 1
        timer = Timer(float(time), seq, action)
        heapq.heappush(self._heap, (timer.time, seq, timer))
        return timer

    @property
    def pending(self) -> int:
        """The number of scheduled actions not yet run or skipped (cancelled ones included)."""
        return len(self._heap)

    def peek(self) -> float | None:
        """The time of the next live action, or None when nothing is scheduled."""
        heap = self._heap
        while heap and heap[0][2].cancelled:
            heapq.heappop(heap)
        return heap[0][0] if heap else None

    def step(self) -> bool:
        """Run the next live action; return False when there is none."""
        heap = self._heap
        while heap:
            time, _, timer = heapq.heappop(heap)
            if timer.cancelled:
                continue
            self.now = time
            timer.action()
            return True
        return False

    def run(self, until: float | None = None, max_steps: int = 10_000_000) -> int:
        """Run actions in order until the queue is empty or the clock would pass ``until``.

        Args:
            until: Stop before any action later than this time; the clock is then set to it.
            max_steps: A guard against simulations that never go quiet: running this many
                actions is fine, needing one more raises.

        Returns:
            The number of actions run.

        Raises:
            Week4Error: More than ``max_steps`` actions were due, or an argument is invalid.
        """
        if until is not None and (math.isnan(until) or until < self.now):
            raise Week4Error(f"until must be a number >= now ({self.now}), got {until!r}")
        if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 0:
            raise Week4Error(f"max_steps must be an integer >= 0, got {max_steps!r}")
        # peek() and step() inlined: this loop runs every action of every simulation.
        heap = self._heap
        pop = heapq.heappop
        horizon = _INFINITY if until is None else until
        steps = 0
        while heap:
            time, _, timer = heap[0]
            if timer.cancelled:
                pop(heap)
                continue
            if time > horizon:
                break
            if steps == max_steps:
                raise Week4Error(f"simulation did not settle within max_steps={max_steps}")
            pop(heap)
            self.now = time
            timer.action()
            steps += 1
        if until is not None and until > self.now:
            self.now = float(until)
        return steps


_INFINITY = math.inf


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
