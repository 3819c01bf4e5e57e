"""Dynamo-style quorums: N replicas, a write waits for W of them, a read for R.

As in Dynamo (DeCandia et al., "Dynamo: Amazon's Highly Available Key-value Store", SOSP
2007, section 4.5), the replica a client talks to *coordinates* its request: it sends the
write (or the read) to all N replicas, itself included, and answers once W acknowledgements
(R answers) are in. Here every key lives on every replica, so N is the cluster size; there
is no sloppy quorum or hinted handoff, so a coordinator cut off from W replicas cannot
finish a write (its client times out: the write may have landed on some replicas, an
``info``).

Versions are last-writer-wins stamps from a hybrid logical clock (Cassandra's choice;
Dynamo keeps siblings with vector clocks instead); a read returns the value with the largest
stamp among its R answers and repairs the stale answerers (read repair), and replicas also
run the same anti-entropy as the AP mode.

With R + W > N every read quorum meets the last acknowledged write's quorum, so (with
synchronised clocks) no read returns a value older than a write acknowledged before it
started; with R + W <= N a read may miss it: a stale read. Lower R and W answer sooner,
which is the latency side of Abadi's PACELC ("Consistency Tradeoffs in Modern Distributed
Database System Design", IEEE Computer 2012): even without a partition, a replicated store
trades latency for consistency.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from week4.cap.replicas.ap import ApReplica
from week4.cap.replicas.clocks import ZERO, Clock, Stamp
from week4.cap.replicas.messages import Request, Value


@dataclass(frozen=True)
class Store:
    """Coordinator to replica: store this version (message). ``req`` -1: a read repair."""

    req: int
    key: str
    value: Value
    stamp: Stamp

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        kind = "repair" if self.req < 0 else "store"
        return f"{kind} {self.key}={self.value} @{self.stamp}"


@dataclass(frozen=True)
class Stored:
    """Replica to coordinator: stored (message)."""

    req: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"stored #{self.req}"


@dataclass(frozen=True)
class Fetch:
    """Coordinator to replica: send me your version of ``key`` (message)."""

    req: int
    key: str

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"fetch {self.key} #{self.req}"


@dataclass(frozen=True)
class Fetched:
    """Replica to coordinator: my version of the key (message)."""

    req: int
    key: str
    value: Value
    stamp: Stamp

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"fetched {self.key}={self.value} #{self.req}"


@dataclass
class _Pending:
    request: Request
    answered: bool = False
    acks: set[str] = field(default_factory=set)
    versions: dict[str, tuple[Value, Stamp]] = field(default_factory=dict)


class QuorumReplica(ApReplica):
    """A replica that also coordinates its clients' requests with R/W quorums.

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
        clock: Its clock (stamps the writes it coordinates).
        rng: Its random stream (anti-entropy peer choice).
        r: Answers a read waits for (1..N).
        w: Acknowledgements a write waits for (1..N).
        anti_entropy: Milliseconds between anti-entropy exchanges (0: none).
        read_repair: Whether reads push the newest version to stale answerers.
    """

    def __init__(
        self,
        node_id: str,
        peers: list[str],
        clock: Clock,
        rng: random.Random,
        *,
        r: int,
        w: int,
        anti_entropy: float = 0.0,
        read_repair: bool = True,
    ) -> None:
        super().__init__(node_id, peers, clock, rng, anti_entropy=anti_entropy)
        self.r, self.w = r, w
        self.read_repair = read_repair
        self._req = 0
        self._pending: dict[int, _Pending] = {}

    def on_message(self, src: str, message: object) -> None:
        """Coordinate a client request, or play a replica's part in another's."""
        if isinstance(message, Request):
            self._coordinate(message)
        elif isinstance(message, Store):
            self.clock.observe(message.stamp)
            self.merge(message.key, message.value, message.stamp)
            if message.req >= 0:
                self.send(src, Stored(message.req))
        elif isinstance(message, Fetch):
            value, stamp = self.store.get(message.key, (None, ZERO))
            self.send(src, Fetched(message.req, message.key, value, stamp))
        elif isinstance(message, Stored):
            self._on_stored(src, message.req)
        elif isinstance(message, Fetched):
            self.clock.observe(message.stamp)
            self._on_fetched(src, message)
        else:
            super().on_message(src, message)

    def _coordinate(self, request: Request) -> None:
        if request.f == "cas":
            self.reply(request, "fail", error="no compare-and-set in a Dynamo-style store")
            return
        self._req += 1
        req = self._req
        self._pending[req] = _Pending(request)
        if request.f == "write":
            stamp = self.clock.tick()
            for peer in self.peers:
                self.send(peer, Store(req, request.key, request.value, stamp))
            self.merge(request.key, request.value, stamp)
            self._on_stored(self.id, req)
        else:
            for peer in self.peers:
                self.send(peer, Fetch(req, request.key))
            value, stamp = self.store.get(request.key, (None, ZERO))
            self._on_fetched(self.id, Fetched(req, request.key, value, stamp))

    def _on_stored(self, src: str, req: int) -> None:
        pending = self._pending.get(req)
        if pending is None:
            return
        pending.acks.add(src)
        if not pending.answered and len(pending.acks) >= self.w:
            pending.answered = True
            self.reply(pending.request, "ok")
        if len(pending.acks) == self.cluster_size:
            del self._pending[req]

    def _on_fetched(self, src: str, answer: Fetched) -> None:
        pending = self._pending.get(answer.req)
        if pending is None:
            return
        pending.versions[src] = (answer.value, answer.stamp)
        best = max(pending.versions.values(), key=lambda vs: vs[1])
        if not pending.answered and len(pending.versions) >= self.r:
            pending.answered = True
            self.reply(pending.request, "ok", best[0])
        if pending.answered and self.read_repair:
            self._repair(answer.key, best, pending)
        if len(pending.versions) == self.cluster_size:
            del self._pending[answer.req]

    def _repair(self, key: str, best: tuple[Value, Stamp], pending: _Pending) -> None:
        for node, (_, stamp) in list(pending.versions.items()):
            if stamp < best[1]:
                pending.versions[node] = best
                if node == self.id:
                    self.merge(key, *best)
                else:
                    self.send(node, Store(-1, key, *best))
