"""The simulated network: links, faults, and the messages that cross them.

Links have latency, loss, duplication and reordering; faults are partitions (any grouping,
one-way too), heal, crash and restart.

The network is data: a default :class:`Link` plus per-link overrides and a set of blocked
(src, dst) pairs. A message is dropped if its link is blocked when it is sent or when it
would arrive, so a partitioned pair never delivers; every send, delivery and drop lands in
the trace. Jepsen's nemesis (partitions via iptables, crash via kill) is the model for the
faults.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from week4.errors import Week4Error
from week4.sim.clock import Simulator
from week4.sim.latency import Constant, Latency
from week4.sim.node import Node
from week4.sim.trace import TraceEvent, describe


def _probability(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise Week4Error(f"{name} must be between 0 and 1, got {value}")


@dataclass(frozen=True)
class Link:
    """How one directed link behaves.

    Attributes:
        latency: The one-way delay distribution.
        loss: Probability that a message is lost.
        duplicate: Probability that a message is delivered twice.
        reorder: Probability that a message is held back by up to ``reorder_delay`` ms,
            so later messages overtake it.
        reorder_delay: The largest extra delay of a reordered message.
    """

    latency: Latency = field(default_factory=lambda: Constant(1.0))
    loss: float = 0.0
    duplicate: float = 0.0
    reorder: float = 0.0
    reorder_delay: float = 10.0

    def __post_init__(self) -> None:
        _probability("loss", self.loss)
        _probability("duplicate", self.duplicate)
        _probability("reorder", self.reorder)
        if self.reorder_delay < 0:
            raise Week4Error(f"reorder_delay must be >= 0, got {self.reorder_delay}")


class Network:
    """Nodes connected by links, on one simulator.

    Args:
        sim: The simulator that owns time, randomness and the trace.
        default: The link used between any two nodes without an override.
    """

    def __init__(self, sim: Simulator, default: Link | None = None) -> None:
        self.sim = sim
        self.default = default or Link()
        self.nodes: dict[str, Node] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._blocked: set[tuple[str, str]] = set()
        self._rng = sim.rng("network")
        self._next_id = 0

    # -- topology -----------------------------------------------------------------------
    def add(self, *nodes: Node) -> None:
        """Attach nodes to this network."""
        for node in nodes:
            if node.id in self.nodes:
                raise Week4Error(f"duplicate node id {node.id!r}")
            self.nodes[node.id] = node
            node.attach(self)

    def node(self, node_id: str) -> Node:
        """Look a node up by id."""
        try:
            return self.nodes[node_id]
        except KeyError:
            known = ", ".join(sorted(self.nodes)) or "none"
            raise Week4Error(f"unknown node {node_id!r}; known nodes: {known}") from None

    def set_link(self, src: str, dst: str, link: Link, *, both_ways: bool = True) -> None:
        """Override the link from ``src`` to ``dst`` (and back, by default)."""
        self.node(src)
        self.node(dst)
        self._links[(src, dst)] = link
        if both_ways:
            self._links[(dst, src)] = link

    def link(self, src: str, dst: str) -> Link:
        """The link a message from ``src`` to ``dst`` travels on."""
        return self._links.get((src, dst), self.default)

    # -- faults -------------------------------------------------------------------------
    def partition(self, *groups: Iterable[str]) -> None:
        """Split the nodes into groups that cannot reach each other (both ways).

        Nodes not named in any group form one more group of their own. Replaces any
        earlier partition.

        Raises:
            Week4Error: A group is a string (``partition("ab")`` is not two nodes), empty,
                names an unknown node, or shares a node with another group; or the groups
                leave every node on one side, which would partition nothing.
        """
        named: list[list[str]] = []
        for group in groups:
            if isinstance(group, str | bytes):
                raise Week4Error(f"a partition group must be a list of node ids, got {group!r}")
            members = list(group)
            if not members:
                raise Week4Error("a partition group must name at least one node")
            named.append(members)
        seen: set[str] = set()
        for group in named:
            for node_id in group:
                self.node(node_id)
                if node_id in seen:
                    raise Week4Error(f"node {node_id!r} is in two partition groups")
                seen.add(node_id)
        rest = [n for n in self.nodes if n not in seen]
        if rest:
            named.append(rest)
        if len(named) < 2:
            raise Week4Error("a partition needs at least two sides; these groups leave one")
        side = {n: i for i, g in enumerate(named) for n in g}
        self._blocked = {
            (a, b) for a in self.nodes for b in self.nodes if a != b and side[a] != side[b]
        }
        label = " | ".join(",".join(g) for g in named)
        self._record("partition", "network", detail=label)

    def block(self, src: str, dst: str) -> None:
        """Drop every message from ``src`` to ``dst`` (one way)."""
        self.node(src)
        self.node(dst)
        self._blocked.add((src, dst))
        self._record("partition", "network", detail=f"{src} -/-> {dst}")

    def heal(self) -> None:
        """Remove every partition and one-way block."""
        self._blocked.clear()
        self._record("heal", "network", detail="all links restored")

    def blocked(self, src: str, dst: str) -> bool:
        """True when messages from ``src`` to ``dst`` are dropped."""
        return (src, dst) in self._blocked

    def crash(self, node_id: str) -> None:
        """Stop a node: its timers never fire and messages to it are lost until restart."""
        node = self.node(node_id)
        if not node.up:
            return
        node.up = False
        node.incarnation += 1
        node.on_crash()
        self._record("crash", node_id)

    def restart(self, node_id: str) -> None:
        """Bring a crashed node back (its ``on_restart`` hook resets volatile state)."""
        node = self.node(node_id)
        if node.up:
            return
        node.up = True
        self._record("restart", node_id)
        node.on_restart()

    # -- messages -----------------------------------------------------------------------
    def send(self, src: str, dst: str, message: Any) -> int:
        """Send a message; returns its id (shared by its trace events)."""
        self.node(src)
        target = self.node(dst)
        self._next_id += 1
        msg_id = self._next_id
        label = describe(message)
        self._record("send", src, dst, label, msg_id)
        if self.blocked(src, dst):
            self._record("drop", src, dst, label, msg_id, "partitioned")
            return msg_id
        link = self.link(src, dst)
        rng = self._rng
        if link.loss and rng.random() < link.loss:
            self._record("drop", src, dst, label, msg_id, "lost")
            return msg_id
        copies = 2 if link.duplicate and rng.random() < link.duplicate else 1
        for _ in range(copies):
            delay = link.latency.sample(rng)
            if link.reorder and rng.random() < link.reorder:
                delay += rng.uniform(0.0, link.reorder_delay)
            self.sim.schedule(delay, lambda: self._deliver(src, target, message, label, msg_id))
        return msg_id

    def _deliver(self, src: str, target: Node, message: Any, label: str, msg_id: int) -> None:
        if self.blocked(src, target.id):
            self._record("drop", src, target.id, label, msg_id, "partitioned")
        elif not target.up:
            self._record("drop", src, target.id, label, msg_id, "receiver down")
        else:
            self._record("deliver", target.id, src, label, msg_id)
            target.on_message(src, message)

    def _record(  # noqa: PLR0917 - mirrors TraceEvent's fields
        self,
        kind: Any,
        node: str,
        peer: str | None = None,
        message: str | None = None,
        msg_id: int | None = None,
        detail: str = "",
    ) -> None:
        self.sim.trace.record(TraceEvent(self.sim.now, kind, node, peer, message, msg_id, detail))
