"""CP and AP under a scripted majority/minority partition, and the parameters all share."""

from __future__ import annotations

from week4.cap.figures import report, views
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.faults import Partition, majority_minority
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


def scripted(nodes: int, start: float, end: float, duration: float) -> Partition:
    """The majority/minority partition from ``start`` to ``end``, checked against ``duration``."""
    if not start < end <= duration:
        raise ParameterError(
            f"invalid partition [{start:g}, {end:g}]: expected partition_start < "
            f"partition_end <= duration ({duration:g})"
        )
    return majority_minority(nodes, start, end)


def under_partition(
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
    part = scripted(nodes, partition_start, partition_end, duration)
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
    part, run = under_partition(
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
    part, run = under_partition(
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
