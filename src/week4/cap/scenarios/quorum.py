"""Dynamo-style quorums with read repair, with and without a partition."""

from __future__ import annotations

from week4.cap.figures import views
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import majority_minority
from week4.errors import ParameterError
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result


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
