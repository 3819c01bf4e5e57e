"""Request and reply over a lossy link: a client that times out and a server that echoes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from week4.sim.node import Node


@dataclass(frozen=True)
class Ping:
    """A request (message)."""

    n: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"ping {self.n}"


@dataclass(frozen=True)
class Pong:
    """The reply to ``Ping(n)`` (message)."""

    n: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"pong {self.n}"


class EchoServer(Node):
    """Replies to every ping."""

    def on_message(self, src: str, message: object) -> None:
        """Answer a ping with a pong."""
        if isinstance(message, Ping):
            self.send(src, Pong(message.n))


class EchoClient(Node):
    """Sends ``count`` pings, one every ``interval`` ms, and records round-trip times.

    A ping with no pong within ``timeout`` ms counts as timed out (a late pong still
    arrives and is counted as late).
    """

    def __init__(
        self, node_id: str, server: str, count: int, interval: float, timeout: float
    ) -> None:
        super().__init__(node_id)
        self.server = server
        self.count = count
        self.interval = interval
        self.timeout = timeout
        self.sent_at: dict[int, float] = {}
        self.round_trips: dict[int, float] = {}
        self.timed_out: set[int] = set()
        self.late = 0

    def start(self) -> None:
        """Schedule every ping."""
        for n in range(1, self.count + 1):
            self.set_timer((n - 1) * self.interval, partial(self._ping, n))

    def _ping(self, n: int) -> None:
        self.sent_at[n] = self.now
        self.send(self.server, Ping(n))
        self.set_timer(self.timeout, partial(self._check, n))

    def _check(self, n: int) -> None:
        if n not in self.round_trips:
            self.timed_out.add(n)

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """Record the round trip of a pong (the first copy only)."""
        if isinstance(message, Pong) and message.n not in self.round_trips:
            self.round_trips[message.n] = self.now - self.sent_at[message.n]
            if message.n in self.timed_out:
                self.late += 1
