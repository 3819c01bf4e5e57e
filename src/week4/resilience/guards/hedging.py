"""Hedged requests: if the first answer is late, ask again; the first answer wins.

Jeffrey Dean and Luiz André Barroso, "The Tail at Scale" (CACM 56(2), 2013): "defer sending
a secondary request until the first request has been outstanding for more than the
95th-percentile expected latency for this class of requests", which cuts the tail for a few
percent more load. Polly's hedging strategy (``MaxHedgedAttempts``, ``Delay``) is the API
model: a failed attempt also starts the next hedge at once.

- :class:`HedgingPolicy` is the pure part: it learns latencies and says how long to wait
  before hedging (a fixed delay, or the observed percentile of a sliding window). A
  discrete-event simulation asks it and schedules the second request itself.
- :class:`Hedging` runs it on asyncio: first success wins, the others are cancelled.
"""

from __future__ import annotations

import asyncio
import bisect
import math
from collections import deque
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from week4.errors import ParameterError
from week4.resilience._checks import number, whole

P = ParamSpec("P")
T = TypeVar("T")


class HedgingPolicy:
    """When to send a hedge: after ``delay``, or after the observed ``percentile`` latency.

    With ``delay=None`` the delay is the nearest-rank ``percentile`` of the last ``window``
    observed latencies, once ``min_samples`` were seen (before that, ``initial_delay``; None
    means "do not hedge yet"). Latencies are kept sorted (``bisect``), so a delay costs O(1)
    and an observation O(window) memory moves.

    Examples:
        >>> policy = HedgingPolicy(percentile=95.0, min_samples=20)
        >>> for latency in range(1, 101):
        ...     policy.observe(float(latency))
        >>> policy.hedge_delay()
        95.0
    """

    def __init__(
        self,
        *,
        delay: float | None = None,
        percentile: float = 95.0,
        window: int = 1000,
        min_samples: int = 20,
        initial_delay: float | None = None,
        max_hedged: int = 1,
    ) -> None:
        self.delay = None if delay is None else number("delay", delay)
        if not 0 < number("percentile", percentile) <= 100:
            raise ParameterError(f"invalid percentile {percentile!r}: expected 0 < value <= 100")
        self.percentile = float(percentile)
        self.window = whole("window", window)
        self.min_samples = whole("min_samples", min_samples)
        self.initial_delay = (
            None if initial_delay is None else number("initial_delay", initial_delay)
        )
        self.max_hedged = whole("max_hedged", max_hedged)
        self._arrivals: deque[float] = deque()
        self._sorted: list[float] = []

    def observe(self, latency: float) -> None:
        """Learn one latency (of a request that completed)."""
        if self._arrivals and len(self._arrivals) >= self.window:
            old = self._arrivals.popleft()
            del self._sorted[bisect.bisect_left(self._sorted, old)]
        self._arrivals.append(latency)
        bisect.insort(self._sorted, latency)

    def hedge_delay(self) -> float | None:
        """How long to wait for the first answer before hedging (None: do not hedge)."""
        if self.delay is not None:
            return self.delay
        values = self._sorted
        if len(values) < self.min_samples:
            return self.initial_delay
        rank = max(1, math.ceil(self.percentile / 100 * len(values)))
        return values[rank - 1]


class Hedging:
    """Run a coroutine function hedged: extra attempts after the policy's delay.

    The latency the caller saw (from the first attempt's start to the winning answer, on
    the event loop's clock) is fed back to the policy.

    Examples:
        >>> async def answer():
        ...     return 42
        >>> asyncio.run(Hedging(HedgingPolicy(delay=0.05)).call_async(answer))
        42
    """

    def __init__(self, policy: HedgingPolicy) -> None:
        self.policy = policy
        self.hedges_sent = 0

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(...)``, hedged; the first success wins, the others are cancelled.

        If every attempt fails, the last failure is raised.
        """
        loop = asyncio.get_running_loop()
        start = loop.time()

        async def attempt() -> T:
            return await fn(*args, **kwargs)

        running: set[asyncio.Task[T]] = {asyncio.ensure_future(attempt())}
        hedges_left = self.policy.max_hedged
        error: BaseException | None = None
        try:
            while running:
                delay = self.policy.hedge_delay() if hedges_left else None
                done, running = await asyncio.wait(
                    running, timeout=delay, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    if task.exception() is None:
                        self.policy.observe(loop.time() - start)
                        return task.result()
                    error = task.exception()
                if hedges_left:  # the first answer is late, or every attempt so far failed
                    hedges_left -= 1
                    self.hedges_sent += 1
                    running.add(asyncio.ensure_future(attempt()))
        finally:
            for task in running:
                task.cancel()
        assert error is not None
        raise error
