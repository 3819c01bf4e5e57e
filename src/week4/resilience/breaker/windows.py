"""Sliding windows of call outcomes: count-based and time-based, as in resilience4j.

An outcome is one of four codes (success, failure, slow success, slow failure). A window
keeps running totals, so recording and reading are O(1) (amortised for the time window):

- :class:`CountWindow` (resilience4j's ``FixedSizeSlidingWindowMetrics``): the last
  ``size`` calls, in a ring.
- :class:`TimeWindow` (resilience4j's ``SlidingTimeWindowMetrics``): the calls of the last
  ``size`` clock units, in buckets of one clock unit (resilience4j buckets by epoch second;
  here the unit is the injected clock's, so with a clock in seconds it is the same window).
  Only buckets that received calls are stored, so a clock in milliseconds with a window of
  10,000 costs memory in proportion to the calls, not to the window. A bucket ``k`` holds
  calls with ``floor(t) == k`` and is in the window at time ``now`` while
  ``k > floor(now) - size``.

Examples:
    >>> window = CountWindow(3)
    >>> [window.record(code, 0.0) for code in (FAILURE, SUCCESS, FAILURE, SUCCESS)][-1]
    (3, 1, 0)
    >>> window.totals(0.0)  # calls, failures, slow calls: the first failure slid out
    (3, 1, 0)
"""

from __future__ import annotations

import math
from collections import deque

SUCCESS = 0
FAILURE = 1
SLOW_SUCCESS = 2
SLOW_FAILURE = 3
_KEY = 4  # where a time bucket keeps its key


def outcome(failed: bool, slow: bool) -> int:
    """The outcome code of a call."""
    return (FAILURE if failed else SUCCESS) + (SLOW_SUCCESS if slow else 0)


class CountWindow:
    """The outcomes of the last ``size`` calls.

    The ring grows as calls come in, up to ``size``, so a huge window costs memory in
    proportion to the calls made, not to its size.
    """

    __slots__ = ("_counts", "_index", "_ring", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self._ring: list[int] = []
        self._index = 0
        self._counts = [0, 0, 0, 0]

    def record(self, code: int, now: float) -> tuple[int, int, int]:  # noqa: ARG002
        """Record one outcome, pushing the oldest out once the ring is full; the new totals."""
        index = self._index
        ring = self._ring
        counts = self._counts
        if index == len(ring):  # still filling
            ring.append(code)
        else:
            counts[ring[index]] -= 1
            ring[index] = code
        counts[code] += 1
        index += 1
        self._index = 0 if index == self.size else index
        return (
            len(ring),
            counts[FAILURE] + counts[SLOW_FAILURE],
            counts[SLOW_SUCCESS] + counts[SLOW_FAILURE],
        )

    def skip_success(self) -> bool:
        """Record a success if it changes no total (it replaces a success); say if it did.

        The closed breaker's fast path: once the ring is full of successes, recording
        another only moves the index.
        """
        index = self._index
        ring = self._ring
        if index == len(ring) or ring[index]:
            return False
        index += 1
        self._index = 0 if index == self.size else index
        return True

    def totals(self, now: float) -> tuple[int, int, int]:  # noqa: ARG002 - the window protocol
        """``(calls, failures, slow calls)`` in the window."""
        counts = self._counts
        return (
            len(self._ring),
            counts[FAILURE] + counts[SLOW_FAILURE],
            counts[SLOW_SUCCESS] + counts[SLOW_FAILURE],
        )


class TimeWindow:
    """The outcomes of the calls made in the last ``size`` clock units."""

    __slots__ = ("_buckets", "_counts", "_key", "size")

    def __init__(self, size: float) -> None:
        self.size = size
        self._buckets: deque[list[int]] = deque()  # [success, failure, slow s, slow f, key]
        self._counts = [0, 0, 0, 0]
        self._key = -math.inf  # the newest bucket's key: nothing older than it is left

    def _advance(self, now: float) -> int | float:
        """Move the window's end to ``now`` (never back), dropping buckets that left it."""
        key = math.floor(now)
        if key <= self._key:
            return self._key
        self._key = key
        buckets = self._buckets
        counts = self._counts
        horizon = key - self.size
        while buckets and buckets[0][_KEY] <= horizon:
            old = buckets.popleft()
            for code in (SUCCESS, FAILURE, SLOW_SUCCESS, SLOW_FAILURE):
                counts[code] -= old[code]
        return key

    def record(self, code: int, now: float) -> tuple[int, int, int]:
        """Record one outcome at time ``now``, dropping buckets that left the window.

        Returns the new totals. A clock that steps back (it should not) files the call in
        the newest bucket.
        """
        key = self._advance(now)
        buckets = self._buckets
        if not buckets or buckets[-1][_KEY] != key:
            buckets.append([0, 0, 0, 0, int(key)])
        buckets[-1][code] += 1
        counts = self._counts
        counts[code] += 1
        return (
            counts[0] + counts[1] + counts[2] + counts[3],
            counts[FAILURE] + counts[SLOW_FAILURE],
            counts[SLOW_SUCCESS] + counts[SLOW_FAILURE],
        )

    def totals(self, now: float) -> tuple[int, int, int]:
        """``(calls, failures, slow calls)`` in the window at time ``now``."""
        self._advance(now)
        counts = self._counts
        return (
            counts[0] + counts[1] + counts[2] + counts[3],
            counts[FAILURE] + counts[SLOW_FAILURE],
            counts[SLOW_SUCCESS] + counts[SLOW_FAILURE],
        )
