"""Load per shard of a batch of keys, and how uneven it is.

The figures a capacity planner reads: the busiest shard against the mean (max/mean; 1.0 is
perfect, and the cluster is full when its busiest shard is) and the coefficient of
variation (standard deviation / mean, population form) of the per-shard counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from week4.sharding.strategies import KeyBatch, Strategy, shards_for
from week4.sharding.strategies.batch import IntArray
from week4.sharding.strategies.optional import numpy


@dataclass(frozen=True)
class Load:
    """How many keys each shard got.

    Attributes:
        strategy: The strategy's name.
        shards: The shard names.
        counts: Keys per shard, in ``shards`` order.
    """

    strategy: str
    shards: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """All the keys counted."""
        return sum(self.counts)

    @property
    def mean(self) -> float:
        """Keys per shard on average."""
        return self.total / len(self.counts)

    @property
    def max_over_mean(self) -> float:
        """The busiest shard's load over the mean (1.0 is perfect balance)."""
        return max(self.counts) / self.mean if self.total else 0.0

    @property
    def cv(self) -> float:
        """Coefficient of variation: population standard deviation over the mean."""
        if not self.total:
            return 0.0
        mean = self.mean
        variance = math.fsum((c - mean) ** 2 for c in self.counts) / len(self.counts)
        return math.sqrt(variance) / mean


def count_indices(indices: IntArray, shard_count: int) -> tuple[int, ...]:
    """How many times each index in ``[0, shard_count)`` appears in ``indices``."""
    if isinstance(indices, list):
        counts = [0] * shard_count
        for index in indices:
            counts[index] += 1
        return tuple(counts)
    return tuple(int(c) for c in numpy.bincount(indices, minlength=shard_count))


def load_of(strategy: Strategy, batch: KeyBatch | Sequence[str]) -> Load:
    """The load that ``strategy`` puts on each of its shards for the keys of ``batch``."""
    counts = count_indices(shards_for(strategy, batch), len(strategy.shards))
    return Load(strategy.name, strategy.shards, counts)
