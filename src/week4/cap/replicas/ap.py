"""AP: every replica answers on its own; last-writer-wins and anti-entropy make them converge.

A replica serves reads from its own copy and accepts writes and compare-and-sets without
asking anyone, stamping each write with its clock (a hybrid logical clock by default, see
:mod:`week4.cap.replicas.clocks`). It pushes each write to its peers at once, best effort, and every
``anti_entropy`` ms exchanges its whole state with a random peer (push-pull gossip, as in
Demers et al., "Epidemic algorithms for replicated database maintenance", PODC 1987, and
Dynamo's Merkle-tree anti-entropy, DeCandia et al. 2007). Merging keeps, per key, the value
with the larger stamp.

Both sides of a partition stay available, and once it heals the replicas converge (strong
eventual consistency for this register); but while it lasts each side reads its own writes
only, concurrent writes are silently dropped by LWW, and a cas compares against a local copy
that may be stale. The run shows all three; Kleppmann ("A Critique of the CAP Theorem", 2015)
calls such a system available but not linearizable, which is what the checker reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.cap.replicas.clocks import ZERO, Clock, Stamp
from week4.cap.replicas.messages import Replica, Request, Value

Entry = tuple[str, Value, Stamp]


@dataclass(frozen=True)
class Put:
    """A write pushed to a peer (message)."""

    key: str
    value: Value
    stamp: Stamp

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"put {self.key}={self.value} @{self.stamp}"


@dataclass(frozen=True)
class Digest:
    """A replica's whole state, for anti-entropy (message).

    Attributes:
        entries: ``(key, value, stamp)`` for every key.
        answer: True when the receiver should send its own state back (push-pull).
    """

    entries: tuple[Entry, ...]
    answer: bool

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"anti-entropy ({len(self.entries)} keys{', pull' if self.answer else ''})"


class ApReplica(Replica):
    """A replica of the AP mode (see the module docstring).

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
        clock: Its clock (hybrid logical or Lamport) for stamping writes.
        rng: Its random stream (choice of anti-entropy peer).
        anti_entropy: Milliseconds between anti-entropy exchanges (0: none).
    """

    def __init__(
        self,
        node_id: str,
        peers: list[str],
        clock: Clock,
        rng: random.Random,
        *,
        anti_entropy: float = 50.0,
    ) -> None:
        super().__init__(node_id, peers)
        self.clock = clock
        self.rng = rng
        self.anti_entropy = anti_entropy
        self.store: dict[str, tuple[Value, Stamp]] = {}

    def values(self) -> dict[str, Value]:
        """The value of every key this replica holds."""
        return {k: v for k, (v, _) in sorted(self.store.items())}

    def start(self) -> None:
        """Begin periodic anti-entropy."""
        if self.anti_entropy > 0 and self.peers:
            self.set_timer(self.rng.uniform(0, self.anti_entropy), self._gossip)

    def _entries(self) -> tuple[Entry, ...]:
        return tuple((k, v, s) for k, (v, s) in sorted(self.store.items()))

    def _gossip(self) -> None:
        self.send(self.rng.choice(self.peers), Digest(self._entries(), answer=True))
        self.set_timer(self.anti_entropy, self._gossip)

    def merge(self, key: str, value: Value, stamp: Stamp) -> bool:
        """Keep the write with the larger stamp; True when ``value`` won."""
        current = self.store.get(key, (None, ZERO))
        if stamp > current[1]:
            self.store[key] = (value, stamp)
            return True
        return False

    def on_message(self, src: str, message: object) -> None:
        """Serve a client request, merge a pushed write or an anti-entropy digest."""
        if isinstance(message, Request):
            self._serve(message)
        elif isinstance(message, Put):
            self.clock.observe(message.stamp)
            self.merge(message.key, message.value, message.stamp)
        elif isinstance(message, Digest):
            mine = self._entries()
            for key, value, stamp in message.entries:
                self.clock.observe(stamp)
                self.merge(key, value, stamp)
            if message.answer and mine != message.entries:
                self.send(src, Digest(self._entries(), answer=False))

    def _serve(self, request: Request) -> None:
        current = self.store.get(request.key, (None, ZERO))[0]
        if request.f == "read":
            self.reply(request, "ok", current)
            return
        if request.f == "cas" and current != request.expected:
            self.reply(request, "ok", False)
            return
        stamp = self.clock.tick()
        self.merge(request.key, request.value, stamp)
        self.reply(request, "ok", True if request.f == "cas" else None)
        for peer in self.peers:
            self.send(peer, Put(request.key, request.value, stamp))
