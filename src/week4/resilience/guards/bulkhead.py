"""Bulkhead: at most N calls at once; the rest wait in a bounded queue or are rejected.

The semantics are resilience4j's ``SemaphoreBulkhead`` (``maxConcurrentCalls``,
``maxWaitDuration``) with Polly's bounded queue (``maxQueuingActions``): a call runs if a
slot is free; otherwise it waits if the queue has room, first come first served (a slot
freed by a finishing call is handed to the head of the queue, so a newcomer cannot jump
it); otherwise it is rejected with :class:`~week4.resilience.BulkheadFullError`.

Three ways to use it, one state:

- :meth:`Bulkhead.call` from threads (waiters block on an event; ``max_wait`` seconds);
- :meth:`Bulkhead.call_async` from asyncio tasks (waiters await a future);
- :meth:`Bulkhead.try_acquire`, :meth:`Bulkhead.try_enqueue` and :meth:`Bulkhead.release`
  from a discrete-event simulation: ``release`` returns the queued item that now holds the
  freed slot, and the simulation starts it.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from week4.resilience._checks import number, whole
from week4.resilience.errors import BulkheadFullError

P = ParamSpec("P")
T = TypeVar("T")


class Bulkhead:
    """Limit concurrency to ``max_concurrent`` calls, with up to ``max_queue`` waiting.

    Args:
        max_concurrent: calls that may run at once.
        max_queue: calls that may wait for a slot (0: reject at once when full).
        max_wait: seconds a thread or task waits in the queue before it is rejected
            (None: as long as it takes).

    Examples:
        >>> bulkhead = Bulkhead(1, max_queue=1)
        >>> bulkhead.try_acquire(), bulkhead.try_acquire(), bulkhead.try_enqueue("b")
        (True, False, True)
        >>> bulkhead.release()  # the slot goes to the head of the queue
        'b'
        >>> bulkhead.release() is None, bulkhead.active
        (True, 0)
    """

    def __init__(
        self, max_concurrent: int, *, max_queue: int = 0, max_wait: float | None = None
    ) -> None:
        self.max_concurrent = whole("max_concurrent", max_concurrent)
        self.max_queue = whole("max_queue", max_queue, minimum=0)
        self.max_wait = None if max_wait is None else number("max_wait", max_wait)
        self.active = 0
        self.rejected = 0
        self._queue: deque[object] = deque()
        self._lock = threading.Lock()

    @property
    def queued(self) -> int:
        """Calls waiting for a slot."""
        return len(self._queue)

    # -- the non-blocking API (simulations) ------------------------------------------------

    def try_acquire(self) -> bool:
        """Take a slot if one is free (and nobody is queued for it)."""
        with self._lock:
            if self.active < self.max_concurrent and not self._queue:
                self.active += 1
                return True
            return False

    def try_enqueue(self, waiter: object) -> bool:
        """Queue ``waiter`` for the next free slot if there is room; else count a rejection."""
        with self._lock:
            if len(self._queue) < self.max_queue:
                self._queue.append(waiter)
                return True
            self.rejected += 1
            return False

    def cancel(self, waiter: object) -> bool:
        """Take ``waiter`` out of the queue (it gave up); False if it was not queued."""
        with self._lock:
            try:
                self._queue.remove(waiter)
            except ValueError:
                return False
            return True

    def release(self) -> object | None:
        """Free a slot: hand it to the head of the queue (returned) or leave it free (None)."""
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            self.active -= 1
            return None

    # -- threads ---------------------------------------------------------------------------

    def _admit(self, make_waiter: Callable[[], object]) -> object | None:
        """Take a slot (None) or queue a new waiter (returned); raise when full."""
        with self._lock:
            if self.active < self.max_concurrent and not self._queue:
                self.active += 1
                return None
            if len(self._queue) < self.max_queue:
                waiter = make_waiter()
                self._queue.append(waiter)
                return waiter
            self.rejected += 1
        raise BulkheadFullError(
            f"bulkhead full: {self.max_concurrent} running, {self.max_queue} queued"
        )

    def _finish(self) -> None:
        waiter = self.release()
        if isinstance(waiter, threading.Event):
            waiter.set()
        elif isinstance(waiter, asyncio.Future):
            waiter.get_loop().call_soon_threadsafe(_grant, waiter)

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` in a slot, waiting in the queue if allowed; else BulkheadFullError."""
        waiter = self._admit(threading.Event)
        timed_out = isinstance(waiter, threading.Event) and not waiter.wait(self.max_wait)
        if timed_out and self.cancel(waiter):  # else: handed a slot as the wait ran out
            with self._lock:
                self.rejected += 1
            raise BulkheadFullError(f"bulkhead: no slot within {self.max_wait} s")
        try:
            return fn(*args, **kwargs)
        finally:
            self._finish()

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(...)`` in a slot, waiting in the queue if allowed; else BulkheadFullError."""
        loop = asyncio.get_running_loop()
        waiter = self._admit(loop.create_future)
        if isinstance(waiter, asyncio.Future):
            try:
                async with asyncio.timeout(self.max_wait):
                    await asyncio.shield(waiter)
            except TimeoutError:
                if self.cancel(waiter):
                    with self._lock:
                        self.rejected += 1
                    raise BulkheadFullError(f"bulkhead: no slot within {self.max_wait} s") from None
            except asyncio.CancelledError:
                if not self.cancel(waiter):  # it held a slot already: pass it on
                    self._finish()
                raise
        try:
            return await fn(*args, **kwargs)
        finally:
            self._finish()


def _grant(future: asyncio.Future[object]) -> None:
    if not future.done():
        future.set_result(None)
