"""The CAP chapter's scenarios: one replicated register, four ways, under the same partition.

Every scenario is a thin wrapper: :func:`week4.cap.cluster.run_mode` runs the cluster,
:mod:`week4.cap.views`, :mod:`week4.cap.compare` and :mod:`week4.cap.sweep` turn runs into
results. The pages and the tests call the same functions.
"""

from __future__ import annotations

from week4.cap import compare, report, views
from week4.cap.cluster import CapRun, run_mode
from week4.cap.faults import Partition, majority_minority
from week4.cap.sweep import pacelc_result
from week4.errors import ParameterError
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CLUSTER = (
    Param("nodes", 3, "replicas", minimum=2, maximum=9),
    Param("clients", 3, "clients (attached to the replicas in turn)", minimum=1, maximum=9),
    Param("latency", 5.0, "mean one-way latency between replicas (ms)", minimum=0.5, maximum=100),
)
WINDOW = (
    Param(
        "partition_start", 300.0, "when the last replicas are cut off (ms)", minimum=0, maximum=5000
    ),
    Param("partition_end", 700.0, "when the partition heals (ms)", minimum=1, maximum=5000),
    Param("duration", 1000.0, "clients stop invoking at this time (ms)", minimum=100, maximum=5000),
)


def _scripted(nodes: int, start: float, end: float, duration: float) -> Partition:
    if not start < end <= duration:
        raise ParameterError(
            f"invalid partition [{start:g}, {end:g}]: expected partition_start < "
            f"partition_end <= duration ({duration:g})"
        )
    return majority_minority(nodes, start, end)


def _under_partition(
    mode: str,
    seed: int,
    *,
    nodes: int,
    clients: int,
    latency: float,
    partition_start: float,
    partition_end: float,
    duration: float,
    **extra: object,
) -> tuple[Partition, CapRun]:
    """Run one mode under the scripted majority/minority partition."""
    part = _scripted(nodes, partition_start, partition_end, duration)
    run = run_mode(
        mode,
        seed,
        config=None,
        nodes=nodes,
        clients=clients,
        latency=latency,
        duration=duration,
        partitions=(part,),
        **extra,
    )
    return part, run


@scenario(
    "cap-cp-partition",
    chapter="cap",
    title="CP: a majority leader under partition",
    description="Raft-style majority replication: the minority side refuses, nothing is stale.",
    params=(*CLUSTER, *WINDOW),
)
def cp_partition(
    seed: int,
    *,
    nodes: int,
    clients: int,
    latency: float,
    partition_start: float,
    partition_end: float,
    duration: float,
) -> Result:
    """CP under a scripted majority/minority partition.

    Covers: majority commit, check-quorum step-down, refusal on the minority side.
    Scenario: the leader ``n1`` is on the majority side; the minority replicas refuse
    requests once they have not heard from a leader for an election timeout.
    """
    part, run = _under_partition(
        "cp",
        seed,
        nodes=nodes,
        clients=clients,
        latency=latency,
        partition_start=partition_start,
        partition_end=partition_end,
        duration=duration,
    )
    elections = sum(1 for e in run.trace.of_kind("state") if "leader of" in e.detail)
    return views.run_result(
        run,
        [
            f"Partition {part.label} from {part.start:g} to {part.end:g} ms. Every operation, "
            "reads included, commits on a majority before the leader answers, so the minority "
            "side cannot answer: it gives up availability to stay consistent (Gilbert & Lynch "
            "2002).",
            f"Leader elections during the run: {elections}.",
        ],
        "CP: client operations under partition",
    )


@scenario(
    "cap-ap-partition",
    chapter="cap",
    title="AP: last-writer-wins replicas under partition",
    description="Every replica answers alone; the sides diverge, then converge after heal.",
    params=(
        *CLUSTER,
        *WINDOW,
        Param("skew", 0.0, "largest clock offset of a replica (ms)", minimum=0, maximum=100),
        Param("clock", "hlc", "clock that stamps writes", choices=("hlc", "lamport")),
        Param("anti_entropy", 50.0, "ms between anti-entropy exchanges", minimum=5, maximum=1000),
    ),
)
def ap_partition(
    seed: int,
    *,
    nodes: int,
    clients: int,
    latency: float,
    partition_start: float,
    partition_end: float,
    duration: float,
    skew: float,
    clock: str,
    anti_entropy: float,
) -> Result:
    """AP under the same partition: available on both sides, not linearizable, convergent.

    Covers: LWW with hybrid logical clocks, anti-entropy, stale reads, convergence.
    Scenario: each replica serves its clients alone and gossips its state every
    ``anti_entropy`` ms; the checker looks for a linearization and finds none.
    """
    part, run = _under_partition(
        "ap",
        seed,
        nodes=nodes,
        clients=clients,
        latency=latency,
        partition_start=partition_start,
        partition_end=partition_end,
        duration=duration,
        skew=skew,
        clock=clock,
        anti_entropy=anti_entropy,
    )
    delay = report.convergence_delay(run)
    return views.run_result(
        run,
        [
            f"Partition {part.label} from {part.start:g} to {part.end:g} ms. Both sides kept "
            "answering, so each side's clients saw only their own side's writes.",
            "After the heal, anti-entropy brought every replica to the same values "
            + (f"{delay:g} ms later." if delay is not None else "(not within the run)."),
        ],
        "AP: client operations under partition",
    )


@scenario(
    "cap-quorum",
    chapter="cap",
    title="Dynamo-style quorums: tunable N, R, W",
    description="Reads wait for R replicas, writes for W; R + W > N or not decides staleness.",
    params=(
        Param("n", 3, "replicas (N)", minimum=1, maximum=9),
        Param("r", 2, "replicas a read waits for (R)", minimum=1, maximum=9),
        Param("w", 2, "replicas a write waits for (W)", minimum=1, maximum=9),
        Param(
            "latency", 5.0, "mean one-way latency between replicas (ms)", minimum=0.5, maximum=100
        ),
        Param(
            "partition_length",
            400.0,
            "how long the last replicas are cut off, from 300 ms (0: no partition)",
            minimum=0,
            maximum=600,
        ),
        Param("skew", 0.0, "largest clock offset of a replica (ms)", minimum=0, maximum=100),
    ),
)
def quorum(
    seed: int, *, n: int, r: int, w: int, latency: float, partition_length: float, skew: float
) -> Result:
    """Quorum reads and writes with read repair, with or without a partition.

    Covers: R + W > N versus R + W <= N, stale reads, quorum latency, clock skew.
    Scenario: three clients, attached to the replicas in turn, read and write one key.
    """
    for name, value in (("r", r), ("w", w)):
        if value > n:
            raise ParameterError(
                f"invalid value {value} for {name}: expected an integer from 1 to n ({n})"
            )
    if partition_length and n < 2:
        raise ParameterError("invalid partition_length: a partition needs n >= 2; use 0")
    parts = (majority_minority(n, 300.0, 300.0 + partition_length),) if partition_length else ()
    run = run_mode("quorum", seed, nodes=n, r=r, w=w, latency=latency, partitions=parts, skew=skew)
    overlap = (
        "R + W > N: every read quorum meets every write quorum"
        if r + w > n
        else "R + W <= N: a read quorum can miss the last write's replicas"
    )
    return views.run_result(
        run, [f"N={n}, R={r}, W={w}. {overlap}."], f"Quorum N={n} R={r} W={w}: operations"
    )


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
    part = _scripted(nodes, partition_start, partition_end, duration)
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
