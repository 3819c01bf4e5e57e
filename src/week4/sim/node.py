"""A node: a process on the simulated network, with a mailbox, timers and a life cycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from week4.sim.clock import Simulator, Timer
from week4.sim.trace import TraceEvent


class Transport(Protocol):
    """What a node needs of its network: the simulator's clock, and a way to send.

    :class:`week4.sim.network.Network` is the implementation; naming only this much here
    keeps the import one way (the network knows nodes, a node knows a transport).
    """

    sim: Simulator

    def send(self, src: str, dst: str, message: Any) -> int:
        """Send ``message`` from node ``src`` to node ``dst``; returns the message's id."""


class Node:
    """Base class for simulated processes; override :meth:`on_message` (and maybe more).

    A node only acts through its network: :meth:`send` a message, :meth:`set_timer` to be
    woken later, :meth:`log_state` to put a state change in the trace. When the node crashes
    its pending timers are dropped and messages that arrive while it is down are lost;
    :meth:`on_restart` lets a subclass reset its volatile state.

    Args:
        node_id: The node's unique name, as shown in traces and diagrams.
    """

    def __init__(self, node_id: str) -> None:
        self.id = node_id
        self.up = True
        self.incarnation = 0
        self._network: Transport | None = None

    @property
    def network(self) -> Transport:
        """The network this node is attached to."""
        if self._network is None:
            raise RuntimeError(f"node {self.id} is not attached to a network")
        return self._network

    def attach(self, network: Transport) -> None:
        """Called by :meth:`Network.add`; not for direct use."""
        self._network = network

    @property
    def now(self) -> float:
        """The current virtual time."""
        return self.network.sim.now

    def send(self, dst: str, message: Any) -> None:
        """Send a message to another node over the network."""
        self.network.send(self.id, dst, message)

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Call ``callback`` after ``delay`` ms unless this node crashes first."""
        incarnation = self.incarnation

        def fire() -> None:
            if self.up and self.incarnation == incarnation:
                callback()

        return self.network.sim.schedule(delay, fire)

    def log_state(self, detail: str) -> None:
        """Record a state change of this node in the trace."""
        sim = self.network.sim
        sim.trace.record(TraceEvent(sim.now, "state", self.id, detail=detail))

    def on_message(self, src: str, message: Any) -> None:
        """Handle a delivered message. The default ignores it."""

    def on_crash(self) -> None:
        """Hook called when the node crashes (volatile state is lost)."""

    def on_restart(self) -> None:
        """Hook called when the node restarts."""
