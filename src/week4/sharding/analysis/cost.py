"""Memory and lookup cost of each strategy, counted (not timed): entries and steps.

Wall-clock time depends on the machine and lives on the Performance page; these counts do
not: how many entries a strategy stores, and how many comparisons, scores or loop steps a
lookup takes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from week4.sharding.strategies import (
    KeyBatch,
    MaglevStrategy,
    RangeStrategy,
    RingStrategy,
    SlotStrategy,
    Strategy,
    jump_steps,
)
from week4.sharding.strategies.keys import hash64


@dataclass(frozen=True)
class Cost:
    """What a strategy stores and what a lookup does.

    Attributes:
        strategy: The strategy's name.
        entries: Entries it stores (ring points, table slots, split points; 0 for none).
        stored: What those entries are.
        steps: Work per lookup in the unit of ``step``: the mean over the keys measured
            where it varies (jump), otherwise the exact or worst-case count.
        step: The unit of ``steps``.
    """

    strategy: str
    entries: int
    stored: str
    steps: float
    step: str


def binary_search_steps(size: int) -> int:
    """Comparisons a binary search over ``size`` sorted entries makes at most."""
    return math.ceil(math.log2(size + 1))


def cost_of(strategy: Strategy, batch: KeyBatch, sample: int = 10_000) -> Cost:
    """The :class:`Cost` of ``strategy`` (jump's steps averaged over ``sample`` keys)."""
    n = len(strategy.shards)
    if isinstance(strategy, RingStrategy):
        points = len(strategy.points)
        return Cost(
            strategy.name, points, "ring points", binary_search_steps(points), "comparisons"
        )
    if isinstance(strategy, RangeStrategy):
        return Cost(strategy.name, n - 1, "split points", binary_search_steps(n), "comparisons")
    if isinstance(strategy, MaglevStrategy):
        return Cost(strategy.name, strategy.table_size, "table slots", 1, "table read")
    if isinstance(strategy, SlotStrategy):
        return Cost(
            strategy.name, len(strategy.owners), "slot owners", 1, "table read (after CRC16)"
        )
    if strategy.name == "jump":
        keys = batch.keys[:sample]
        mean = sum(jump_steps(hash64(k), n) for k in keys) / max(1, len(keys))
        return Cost(strategy.name, 0, "nothing", mean, "loop steps (mean)")
    if strategy.name == "rendezvous":
        return Cost(strategy.name, n, "shard seeds", n, "scores")
    return Cost(strategy.name, 0, "nothing", 1, "division")
