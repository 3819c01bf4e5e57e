"""A node that serves one request at a time: a FIFO queue with a service time per request.

The write side of the staleness lab is one such server: appends, inline projections and
queries sent to the write model all take their turn, so a query that reads the write model
delays the commands queued behind it (the load CQRS moves off the write side).
"""

from __future__ import annotations

from collections.abc import Callable

from week4.sim.node import Node


class QueueingNode(Node):
    """A :class:`~week4.sim.Node` with one worker: requests wait for the previous ones.

    Attributes:
        busy_ms: The total service time spent so far (its load).
        served: How many requests it has served, by kind.
    """

    def __init__(self, node_id: str) -> None:
        super().__init__(node_id)
        self.busy_until = 0.0
        self.busy_ms = 0.0
        self.served: dict[str, int] = {}

    def serve(self, kind: str, cost_ms: float, work: Callable[[], None]) -> None:
        """Run ``work`` once the worker is free and ``cost_ms`` of service have passed."""
        start = max(self.now, self.busy_until)
        self.busy_until = start + cost_ms
        self.busy_ms += cost_ms
        self.served[kind] = self.served.get(kind, 0) + 1
        self.set_timer(self.busy_until - self.now, work)
