"""A heartbeat failure detector: the simplest protocol that a partition visibly breaks.

Every node sends a heartbeat to every peer each ``interval`` ms and suspects a peer it has
not heard from for ``timeout`` ms. This is the timeout-based detector of Chandra & Toueg
("Unreliable failure detectors for reliable distributed systems", JACM 1996): under a
partition it cannot tell a slow or cut-off peer from a crashed one, which is exactly why the
CAP trade-off exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.sim.node import Node


@dataclass(frozen=True)
class Heartbeat:
    """I am alive (message)."""

    seq: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"heartbeat #{self.seq}"


class HeartbeatNode(Node):
    """A node that heartbeats its peers and tracks which of them it suspects.

    Args:
        node_id: This node's name.
        peers: The other nodes' names.
        interval: Milliseconds between heartbeats.
        timeout: Suspect a peer not heard from for this long.
    """

    def __init__(self, node_id: str, peers: list[str], interval: float, timeout: float) -> None:
        super().__init__(node_id)
        self.peers = peers
        self.interval = interval
        self.timeout = timeout
        self.last_heard: dict[str, float] = {}
        self.suspected: set[str] = set()
        self.seq = 0
        self.suspicions = 0
        self.recoveries = 0

    def start(self) -> None:
        """Begin heartbeating (and checking) every interval."""
        self.last_heard = dict.fromkeys(self.peers, self.now)
        self._tick()

    def _tick(self) -> None:
        self.seq += 1
        for peer in self.peers:
            self.send(peer, Heartbeat(self.seq))
        for peer in self.peers:
            silent = self.now - self.last_heard[peer]
            if silent > self.timeout and peer not in self.suspected:
                self.suspected.add(peer)
                self.suspicions += 1
                self.log_state(f"suspects {peer} (silent {silent:.1f} ms)")
        self.set_timer(self.interval, self._tick)

    def on_message(self, src: str, message: object) -> None:
        """A heartbeat from a peer clears any suspicion of it."""
        if isinstance(message, Heartbeat):
            self.last_heard[src] = self.now
            if src in self.suspected:
                self.suspected.discard(src)
                self.recoveries += 1
                self.log_state(f"trusts {src} again")
