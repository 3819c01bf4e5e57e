"""The simulator's own scenarios: heartbeats across a partition, and pings over a lossy link."""

from __future__ import annotations

from week4.basics.nodes.echo import EchoClient, EchoServer
from week4.basics.nodes.heartbeat import HeartbeatNode
from week4.errors import ParameterError
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result
from week4.sim.clock import Simulator
from week4.sim.latency import Exponential, Uniform
from week4.sim.network import Link, Network
from week4.stats import percentile, ratio

#: The most heartbeats one ``partition-heal`` run may send: about 8 s and 500 MB of trace.
MAX_HEARTBEATS = 250_000


def _check_partition_heal(
    nodes: int, interval: float, partition_at: float, heal_at: float, duration: float
) -> None:
    if not partition_at < heal_at < duration:
        raise ParameterError(
            f"invalid partition window: expected partition_at < heal_at < duration, got "
            f"{partition_at:g} < {heal_at:g} < {duration:g}"
        )
    heartbeats = nodes * (nodes - 1) * duration / interval
    if heartbeats > MAX_HEARTBEATS:
        raise ParameterError(
            f"nodes={nodes}, interval={interval:g} and duration={duration:g} would send about "
            f"{heartbeats:,.0f} heartbeats; the limit is {MAX_HEARTBEATS:,}: raise interval, "
            f"or lower nodes or duration"
        )


def _partition_notes(
    names: list[str],
    *,
    partition_at: float,
    heal_at: float,
    duration: float,
    timeout: float,
    suspicion_times: list[float],
) -> list[str]:
    """What the run shows, in words, saying only what happened in it."""
    window = (
        f"The partition cut {names[-1]} off from {', '.join(names[:-1])} from "
        f"{partition_at:.1f} ms to {heal_at:.1f} ms (the run ended at {duration:.1f} ms): "
        f"every heartbeat across it was dropped"
    )
    if not suspicion_times:
        return [
            f"{window}, but no node went {timeout:.1f} ms without hearing from a peer, so "
            f"nobody suspected anybody: a partition shorter than the timeout goes unnoticed."
        ]
    return [
        f"{window}. The first suspicion came at {min(suspicion_times):.1f} ms, after "
        f"{timeout:.1f} ms of silence.",
        "Neither side can tell a partitioned peer from a crashed one: that ambiguity is the "
        "root of the CAP trade-off.",
    ]


@scenario(
    "partition-heal",
    chapter="sim",
    title="Heartbeats across a partition",
    description="Nodes heartbeat each other; a partition cuts one off, then heals.",
    params=(
        Param("nodes", 3, "how many nodes", minimum=2, maximum=9),
        Param("interval", 20.0, "ms between heartbeats", minimum=1, maximum=1000),
        Param("timeout", 45.0, "suspect a peer silent this long (ms)", minimum=1, maximum=10_000),
        Param(
            "partition_at", 50.0, "when the last node is cut off (ms)", minimum=0, maximum=100_000
        ),
        Param("heal_at", 130.0, "when the partition heals (ms)", minimum=0, maximum=100_000),
        Param("duration", 170.0, "how long to run (ms)", minimum=1, maximum=100_000),
    ),
)
def partition_heal(
    seed: int,
    *,
    nodes: int,
    interval: float,
    timeout: float,
    partition_at: float,
    heal_at: float,
    duration: float,
) -> Result:
    """Heartbeat failure detection under a partition that isolates the last node, then heals.

    Covers: partitions, heal, the trace and its sequence diagram.
    Scenario: ``nodes`` nodes heartbeat every ``interval`` ms over links of 1-5 ms; at
    ``partition_at`` the last node is cut off from the rest; at ``heal_at`` the network heals.

    Raises:
        ParameterError: The partition does not start and heal inside the run
            (``partition_at < heal_at < duration``), or the run would send more than
            :data:`MAX_HEARTBEATS` heartbeats.
    """
    _check_partition_heal(nodes, interval, partition_at, heal_at, duration)
    sim = Simulator(seed)
    net = Network(sim, Link(latency=Uniform(1.0, 5.0)))
    names = [f"n{i}" for i in range(1, nodes + 1)]
    members = [HeartbeatNode(n, [p for p in names if p != n], interval, timeout) for n in names]
    net.add(*members)
    for node in members:
        node.start()
    sim.at(partition_at, lambda: net.partition(names[:-1], names[-1:]))
    sim.at(heal_at, net.heal)
    sim.run(until=duration)
    trace = sim.trace
    suspicion_times = [e.time for e in trace.of_kind("state") if "suspects" in e.detail]
    trust_times = [e.time for e in trace.of_kind("state") if "trusts" in e.detail]
    metrics: dict[str, int | float | str | bool | None] = {
        "heartbeats sent": trace.count("send"),
        "delivered": trace.count("deliver"),
        "dropped by the partition": trace.count("drop"),
        "suspicions raised": sum(m.suspicions for m in members),
        "first suspicion at (ms)": min(suspicion_times) if suspicion_times else None,
        "last peer trusted again at (ms)": round(max(trust_times), 1) if trust_times else None,
    }
    table = Table(
        ["node", "suspicions", "recoveries", "suspects at end"],
        [
            [m.id, m.suspicions, m.recoveries, ", ".join(sorted(m.suspected)) or "none"]
            for m in members
        ],
    )
    notes = _partition_notes(
        names,
        partition_at=partition_at,
        heal_at=heal_at,
        duration=duration,
        timeout=timeout,
        suspicion_times=suspicion_times,
    )
    return Result(metrics=metrics, tables={"per node": table}, trace=trace, notes=notes)


@scenario(
    "lossy-link",
    chapter="sim",
    title="Pings over a lossy link",
    description="A client pings a server over a link with loss and random latency.",
    params=(
        Param("count", 200, "how many pings", minimum=1, maximum=5_000),
        Param("loss", 0.1, "probability a message is lost", minimum=0, maximum=0.9),
        Param("latency", 20.0, "mean one-way latency in ms", minimum=1, maximum=1000),
        Param("timeout", 100.0, "client timeout in ms", minimum=1, maximum=10_000),
    ),
)
def lossy_link(seed: int, *, count: int, loss: float, latency: float, timeout: float) -> Result:
    """Round trips over a link with loss and exponential latency.

    Covers: latency distributions, loss, timeouts, percentiles in virtual time.
    Scenario: one ping every 10 ms; one-way latency is 1 ms plus an exponential tail of mean
    ``latency`` - 1 ms; each message is lost with probability ``loss``.
    """
    sim = Simulator(seed)
    link = Link(latency=Exponential(mean=max(latency - 1.0, 0.001), floor=1.0), loss=loss)
    net = Network(sim, link)
    client = EchoClient("client", "server", count, interval=10.0, timeout=timeout)
    net.add(client, EchoServer("server"))
    client.start()
    sim.run()
    rtts = list(client.round_trips.values())
    in_time = len(rtts) - client.late
    timed_out = len(client.timed_out)
    metrics: dict[str, int | float | str | bool | None] = {
        "pings": count,
        "answered in time": in_time,
        "timed out": timed_out,
        "timed out, answered later": client.late,
        "messages lost": sim.trace.count("drop"),
        "success rate (%)": round(100 * ratio(in_time, count), 1),
        "p50 round trip (ms)": round(percentile(rtts, 50), 1) if rtts else None,
        "p99 round trip (ms)": round(percentile(rtts, 99), 1) if rtts else None,
    }
    expected = (1 - loss) ** 2
    notes = [
        f"A round trip needs two messages to survive, so about {expected:.0%} of pings "
        f"should be answered; {len(rtts)} of {count} were, {in_time} of them within the "
        f"{timeout:.1f} ms timeout. The other {timed_out} timed out ({client.late} of those "
        f"were answered later), so {in_time} + {timed_out} = {count} pings.",
    ]
    return Result(
        metrics=metrics,
        trace=sim.trace,
        notes=notes,
        data={"round_trips": [round(r, 3) for r in rtts]},
    )
