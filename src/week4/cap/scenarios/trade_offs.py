"""Trade-offs side by side: 'CA' under a partition, random partitions, and the PACELC sweep."""

from __future__ import annotations

from week4.cap.figures import compare
from week4.cap.figures.sweep import pacelc_result
from week4.cap.scenarios.partition import CLUSTER, WINDOW, scripted
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result


@scenario(
    "cap-ca-partition",
    chapter="cap",
    title="'CA': a single leader that did not plan for partitions",
    description="Asynchronous replication under partition: it blocks, or it loses writes.",
    params=(
        *CLUSTER,
        *WINDOW,
        Param(
            "failover_after",
            60.0,
            "a follower takes over after this much silence (ms)",
            minimum=10,
            maximum=1000,
        ),
    ),
)
def ca_partition(
    seed: int,
    *,
    nodes: int,
    clients: int,
    latency: float,
    partition_start: float,
    partition_end: float,
    duration: float,
    failover_after: float,
) -> Result:
    """The same partition, twice: without failover (it blocks) and with it (it loses writes).

    Covers: why "CA" is not a choice (Kleppmann 2015, Abadi 2012), split brain, rollback.
    Scenario: ``n1`` leads and replicates asynchronously; clients of the cut-off replicas
    either wait for it, or their replica takes over and the majority's writes are rolled
    back when the partition heals.
    """
    part = scripted(nodes, partition_start, partition_end, duration)
    return compare.ca_result(
        seed,
        part,
        nodes=nodes,
        clients=clients,
        latency=latency,
        duration=duration,
        failover_after=failover_after,
    )


@scenario(
    "cap-random-partitions",
    chapter="cap",
    title="Every mode under the same random partitions",
    description="A seeded nemesis partitions the cluster at random; each mode is measured.",
    params=(*CLUSTER, WINDOW[2]),
)
def random_partitions(
    seed: int, *, nodes: int, clients: int, latency: float, duration: float
) -> Result:
    """CP, AP, quorum (majorities) and 'CA' (failover) under one random partition schedule.

    Covers: the nemesis, leader changes, availability versus consistency across modes.
    """
    return compare.random_result(
        seed, nodes=nodes, clients=clients, latency=latency, duration=duration
    )


@scenario(
    "pacelc-sweep",
    chapter="cap",
    title="PACELC: else, latency or consistency",
    description="Without partitions, sweep R/W and latency: tail latency versus stale reads.",
    params=(Param("n", 3, "replicas (N)", minimum=3, maximum=5),),
)
def pacelc_sweep(seed: int, *, n: int) -> Result:
    """Quorum sizes against p99 latency and stale reads, with no partition at all.

    Covers: PACELC's else branch (Abadi 2012), probabilistic staleness.
    """
    return pacelc_result(seed, n)
