"""A server with finite capacity: a few workers, a bounded FIFO queue, and no deadlines.

Covers: the queueing half of a retry storm (Bronson et al., "Metastable Failures in
Distributed Systems", HotOS 2021). Requests wait in a queue for one of ``workers``; each
takes a service time drawn from ``service``. The server does not know when a client has
given up: a request that waited past its client's timeout is still served, which is wasted
work. A full queue rejects a request at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from week4.sim.clock import Simulator
from week4.sim.latency import Latency

#: Called with True (served) or False (rejected: queue full) when a request is done.
Reply = Callable[[bool], None]


@dataclass
class ServerCounts:
    """What the server did.

    Attributes:
        arrived: Requests that reached the server.
        served: Requests it finished serving.
        rejected: Requests turned away because the queue was full.
        longest_queue: The most requests waiting at once.
    """

    arrived: int = 0
    served: int = 0
    rejected: int = 0
    longest_queue: int = 0


class QueueingServer:
    """``workers`` parallel workers in front of one FIFO queue of at most ``queue_limit``.

    Args:
        sim: The simulator (its ``server`` stream draws service times).
        workers: Requests served at once.
        service: The service time of one request (ms).
        queue_limit: The most requests that may wait; one more is rejected.
        on_arrival: Called with the time of every arrival (for load charts).
    """

    def __init__(
        self,
        sim: Simulator,
        *,
        workers: int,
        service: Latency,
        queue_limit: int,
        on_arrival: Callable[[float], None] | None = None,
    ) -> None:
        self.sim = sim
        self.workers = workers
        self.service = service
        self.queue_limit = queue_limit
        self.counts = ServerCounts()
        self._busy = 0
        self._queue: deque[Reply] = deque()
        self._rng = sim.rng("server")
        self._on_arrival = on_arrival

    @property
    def queued(self) -> int:
        """Requests waiting now."""
        return len(self._queue)

    def submit(self, reply: Reply) -> None:
        """A request arrives; ``reply`` is called when it is served or rejected."""
        self.counts.arrived += 1
        if self._on_arrival is not None:
            self._on_arrival(self.sim.now)
        if self._busy < self.workers:
            self._start(reply)
        elif len(self._queue) < self.queue_limit:
            self._queue.append(reply)
            self.counts.longest_queue = max(self.counts.longest_queue, len(self._queue))
        else:
            self.counts.rejected += 1
            reply(False)

    def _start(self, reply: Reply) -> None:
        self._busy += 1
        self.sim.schedule(self.service.sample(self._rng), lambda: self._finish(reply))

    def _finish(self, reply: Reply) -> None:
        self._busy -= 1
        self.counts.served += 1
        reply(True)
        if self._queue:
            self._start(self._queue.popleft())
