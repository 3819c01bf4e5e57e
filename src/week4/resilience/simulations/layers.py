"""Retries at every layer multiply: a chain of services, each retrying its downstream.

Covers: the Google SRE book, "Addressing Cascading Failures" ("retrying at multiple
layers... a single request at the highest layer may produce a number of attempts as large
as the product of the number of attempts at each layer"), and the AWS Builders' Library,
"Timeouts, retries, and backoff with jitter". A user calls layer 1, layer 1 calls layer 2,
and so on down to a database that fails every call; each layer makes up to ``attempts``
attempts before it reports the failure upward. The calls reaching the database are
counted from the network's trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.sim.clock import Simulator
from week4.sim.network import Network
from week4.sim.node import Node


@dataclass(frozen=True)
class Call:
    """A request for one unit of work, identified by the job it serves."""

    job: int

    @property
    def label(self) -> str:
        """How the trace shows it."""
        return f"call #{self.job}"


@dataclass(frozen=True)
class Failed:
    """The answer to a call: it failed."""

    job: int

    @property
    def label(self) -> str:
        """How the trace shows it."""
        return f"failed #{self.job}"


class Database(Node):
    """The bottom of the chain: it fails every call."""

    def on_message(self, src: str, message: object) -> None:
        """Answer every call with a failure."""
        if isinstance(message, Call):
            self.send(src, Failed(message.job))


class Layer(Node):
    """A service that calls ``downstream`` for each request, with up to ``attempts`` tries.

    Args:
        node_id: The node's name.
        downstream: The next node down the chain.
        attempts: The most attempts per request (1 = no retries).
    """

    def __init__(self, node_id: str, downstream: str, attempts: int) -> None:
        super().__init__(node_id)
        self.downstream = downstream
        self.attempts = attempts
        self.calls_made = 0
        self._jobs: dict[int, tuple[str, int, int]] = {}
        self._next_job = 0

    def on_message(self, src: str, message: object) -> None:
        """Serve a call from upstream, or handle the downstream's answer."""
        if isinstance(message, Call):
            self._next_job += 1
            self._jobs[self._next_job] = (src, message.job, 0)
            self._try(self._next_job)
        elif isinstance(message, Failed):
            upstream, their_job, tried = self._jobs[message.job]
            if tried < self.attempts:
                self._try(message.job)
            else:
                del self._jobs[message.job]
                self.send(upstream, Failed(their_job))

    def _try(self, job: int) -> None:
        upstream, their_job, tried = self._jobs[job]
        self._jobs[job] = (upstream, their_job, tried + 1)
        self.calls_made += 1
        self.send(self.downstream, Call(job))


@dataclass(frozen=True)
class LayeredRun:
    """How many calls each layer and the database received for one user request.

    Attributes:
        layers: Services between the user and the database.
        attempts: Attempts each service makes per request.
        received: Calls received per node, from layer 1 down to the database.
        nodes: The node names, in the same order.
        ended_at: When the user learned the request had failed (ms).
        sim: The simulator, whose trace holds every call.
    """

    layers: int
    attempts: int
    received: list[int]
    nodes: list[str]
    ended_at: float
    sim: Simulator


def run_layers(seed: int, *, layers: int, attempts: int) -> LayeredRun:
    """One user request through ``layers`` services that each try ``attempts`` times.

    Args:
        seed: Seeds the network (each hop takes 1 ms, so the seed changes nothing here).
        layers: How many services stand between the user and the database.
        attempts: Attempts each service makes per request it receives.
    """
    sim = Simulator(seed)
    network = Network(sim)
    names = [f"layer{i}" for i in range(1, layers + 1)]
    chain = [*names, "db"]
    user = Node("user")
    nodes: list[Node] = [Layer(name, chain[i + 1], attempts) for i, name in enumerate(names)]
    network.add(user, *nodes, Database("db"))
    user.send("layer1", Call(0))
    sim.run()
    received = dict.fromkeys(chain, 0)
    for event in sim.trace.of_kind("deliver"):
        if event.node in received and (event.message or "").startswith("call"):
            received[event.node] += 1
    ended = max(e.time for e in sim.trace.of_kind("deliver") if e.node == "user")
    return LayeredRun(layers, attempts, list(received.values()), chain, ended, sim)
