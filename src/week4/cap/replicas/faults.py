"""The nemesis: when the network partitions, and how.

Jepsen's partition nemesis is the model (Kingsbury, Jepsen ``nemesis/partition-random-halves``):
a schedule of intervals, each cutting the replicas into groups that cannot reach each other,
healed at the end of the interval. Clients are not listed here: each one stays on the side
of the replica it is attached to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.errors import ParameterError


@dataclass(frozen=True)
class Partition:
    """The replicas split into ``groups`` from ``start`` until ``end`` (virtual ms).

    Examples:
        >>> Partition(300, 700, (("n1", "n2"), ("n3",))).label
        '{n1,n2} | {n3}'
    """

    start: float
    end: float
    groups: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ParameterError(
                f"invalid partition interval [{self.start:g}, {self.end:g}]: "
                "expected 0 <= start < end"
            )

    @property
    def label(self) -> str:
        """The groups, as ``{n1,n2} | {n3}``."""
        return " | ".join("{" + ",".join(group) + "}" for group in self.groups)

    def side(self, replica: str) -> int:
        """The index of the group ``replica`` is in."""
        for i, group in enumerate(self.groups):
            if replica in group:
                return i
        raise ParameterError(f"replica {replica!r} is in no group of {self.label}")


def replica_names(nodes: int) -> list[str]:
    """``n1`` .. ``nN``."""
    return [f"n{i}" for i in range(1, nodes + 1)]


def majority_minority(nodes: int, start: float, end: float) -> Partition:
    """The scripted partition: the first majority of the replicas against the rest.

    For 3 replicas that is ``{n1,n2} | {n3}``; the leader of the leader-based modes (``n1``)
    is on the majority side. Two replicas split one and one: no side has a majority.
    """
    names = replica_names(nodes)
    if nodes < 2:
        raise ParameterError(f"invalid nodes {nodes} for a partition: expected at least 2")
    cut = min(nodes // 2 + 1, nodes - 1)
    return Partition(start, end, (tuple(names[:cut]), tuple(names[cut:])))


def random_partitions(
    rng: random.Random,
    nodes: int,
    duration: float,
    *,
    healthy: tuple[float, float] = (60.0, 160.0),
    length: tuple[float, float] = (100.0, 250.0),
) -> tuple[Partition, ...]:
    """A seeded schedule of partitions into two random groups, each followed by a heal.

    Args:
        rng: The nemesis's random stream.
        nodes: How many replicas.
        duration: No partition starts after this time (ms), nor lasts beyond it.
        healthy: The range of the quiet time before each partition (ms).
        length: The range of each partition's length (ms).
    """
    names = replica_names(nodes)
    out: list[Partition] = []
    t = rng.uniform(*healthy)
    while t < duration - length[0]:
        end = min(t + rng.uniform(*length), duration)
        shuffled = list(names)
        rng.shuffle(shuffled)
        cut = rng.randint(1, nodes - 1)
        groups = sorted((tuple(sorted(shuffled[:cut])), tuple(sorted(shuffled[cut:]))))
        out.append(Partition(round(t, 3), round(end, 3), tuple(groups)))
        t = end + rng.uniform(*healthy)
    return tuple(out)
