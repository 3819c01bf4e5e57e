"""One run of a replicated register on the simulator: the function the pages and tests share.

:func:`run_mode` builds N replicas of one mode and a few clients on a simulated network,
partitions it on a schedule, runs it in virtual time and returns a :class:`CapRun`: the
history the clients recorded, the trace, the partitions, how far the replicas disagreed over
time and what each one holds at the end. Same seed, same run.

Examples:
    >>> run = run_mode("cp", seed=1, duration=200.0)
    >>> len(run.history) > 0 and run.final["n1"] == run.final["n3"]
    True
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from dataclasses import dataclass, field

from week4.cap.checker.history import History, HistoryRecorder
from week4.cap.replicas.ap import ApReplica
from week4.cap.replicas.ca import CaReplica
from week4.cap.replicas.clients import Client
from week4.cap.replicas.clocks import Clock, HybridClock, LamportClock
from week4.cap.replicas.config import CapConfig
from week4.cap.replicas.cp import CpReplica
from week4.cap.replicas.faults import Partition, random_partitions, replica_names
from week4.cap.replicas.messages import Replica, Value
from week4.cap.replicas.quorum import QuorumReplica
from week4.cap.replicas.workload import READ_WRITE, Mix, Workload
from week4.sim.clock import Simulator
from week4.sim.latency import Constant, Exponential, Uniform
from week4.sim.network import Link, Network
from week4.sim.trace import Trace


@dataclass
class CapRun:
    """The outcome of :func:`run_mode`.

    Attributes:
        mode: ``cp``, ``ap``, ``quorum`` or ``ca``.
        seed: The seed.
        config: The configuration it ran with.
        history: What the clients saw.
        trace: Every message, partition and state change.
        partitions: The partitions that happened.
        attached: Each client's replica.
        final: Each replica's values at the end.
        divergence: ``(time, replicas not holding the most common state)``, every 10 ms.
        rolled_back: CA mode: the values of writes a deposed leader (or its followers) rolled
            back, sorted.
    """

    mode: str
    seed: int
    config: CapConfig
    history: History
    trace: Trace
    partitions: tuple[Partition, ...]
    attached: dict[str, str]
    final: dict[str, dict[str, Value]]
    divergence: list[tuple[float, int]] = field(default_factory=list)
    rolled_back: tuple[int, ...] = ()

    def client_of(self, process: int | str) -> str:
        """The client that ran a process (Jepsen numbering: process mod clients)."""
        return f"c{int(process) % self.config.clients + 1}"

    @property
    def converged(self) -> bool:
        """True when every replica holds the same values at the end."""
        states = list(self.final.values())
        return all(s == states[0] for s in states)


def _replica(
    mode: str, name: str, peers: list[str], *, sim: Simulator, config: CapConfig, clock: Clock
) -> Replica:
    rng = sim.rng(f"replica/{name}")
    if mode == "cp":
        return CpReplica(
            name,
            peers,
            rng,
            leader="n1",
            heartbeat=config.heartbeat,
            election_timeout=config.election_timeout,
        )
    if mode == "ca":
        return CaReplica(
            name, peers, leader="n1", heartbeat=config.heartbeat, failover=config.failover
        )
    if mode == "ap":
        return ApReplica(name, peers, clock, rng, anti_entropy=config.anti_entropy)
    r, w = config.quorums()
    return QuorumReplica(name, peers, clock, rng, r=r, w=w, anti_entropy=config.anti_entropy)


def _clock(name: str, sim: Simulator, config: CapConfig) -> Clock:
    if config.clock == "lamport":
        return LamportClock(name)
    offset = sim.rng(f"clock/{name}").uniform(-config.skew, config.skew) if config.skew else 0.0
    return HybridClock(name, lambda: sim.now + offset)


def spread(index: int, clients: int, nodes: int) -> int:
    """The replica (0-based) of client ``index``: clients spread evenly over the replicas.

    Examples:
        >>> [spread(i, 3, 5) for i in range(3)], [spread(i, 4, 3) for i in range(4)]
        ([0, 1, 3], [0, 1, 2, 0])
    """
    return index * nodes // clients if clients <= nodes else index % nodes


def _network(sim: Simulator, config: CapConfig) -> Network:
    half = config.latency * 0.5
    if config.tail and half > 0:
        return Network(sim, Link(latency=Exponential(mean=half, floor=half)))
    return Network(sim, Link(latency=Uniform(config.latency - half, config.latency + half)))


def _keys(count: int) -> tuple[str, ...]:
    return tuple("xyzuvw"[:count]) if count <= 6 else tuple(f"k{i}" for i in range(count))


def _partition(net: Network, groups: list[list[str]]) -> None:
    net.partition(*groups)


def run_mode(
    mode: str, seed: int = 1, *, config: CapConfig | None = None, **overrides: object
) -> CapRun:
    """Run one mode under the configured partitions; see :class:`CapConfig` for the knobs.

    Raises:
        ParameterError: A parameter is out of range (e.g. ``r`` larger than ``nodes``).
    """
    config = dataclasses.replace(config or CapConfig(), **overrides)  # type: ignore[arg-type]
    config.validate(mode)
    sim = Simulator(seed)
    net = _network(sim, config)
    names = replica_names(config.nodes)
    replicas = [
        _replica(
            mode,
            n,
            [p for p in names if p != n],
            sim=sim,
            config=config,
            clock=_clock(n, sim, config),
        )
        for n in names
    ]
    recorder = HistoryRecorder()
    workload = Workload(_keys(config.keys), READ_WRITE if mode == "quorum" else Mix())
    clients = [
        Client(
            f"c{i + 1}",
            index=i,
            clients=config.clients,
            replica=names[spread(i, config.clients, config.nodes)],
            workload=workload,
            recorder=recorder,
            rng=sim.rng(f"client/c{i + 1}"),
            timeout=config.timeout,
            think=config.think,
            stop_at=config.duration,
            max_ops=config.max_ops,
        )
        for i in range(config.clients)
    ]
    net.add(*replicas, *clients)
    for client in clients:
        net.set_link(client.id, client.replica, Link(latency=Constant(config.client_latency)))
    schedule = config.partitions
    if config.random_partitions:
        schedule = random_partitions(sim.rng("nemesis"), config.nodes, config.duration)
    for part in schedule:
        groups = [list(g) + [c.id for c in clients if c.replica in g] for g in part.groups]
        sim.at(part.start, functools.partial(_partition, net, groups))
        sim.at(part.end, net.heal)
    divergence: list[tuple[float, int]] = []

    def probe() -> None:
        counts = Counter(tuple(sorted(r.values().items(), key=str)) for r in replicas)
        divergence.append((sim.now, len(replicas) - max(counts.values())))
        sim.schedule(10.0, probe)

    sim.at(0.0, probe)
    for replica in replicas:
        replica.start()
    for client in clients:
        client.start()
    sim.run(until=config.duration + config.settle)
    rolled_back = {
        v for r in replicas if isinstance(r, CaReplica) for _, v in r.rolled_back if v is not None
    }
    return CapRun(
        mode=mode,
        seed=seed,
        config=config,
        history=recorder.history(),
        trace=sim.trace,
        partitions=schedule,
        attached={c.id: c.replica for c in clients},
        final={r.id: r.values() for r in replicas},
        divergence=divergence,
        rolled_back=tuple(sorted(rolled_back)),
    )
