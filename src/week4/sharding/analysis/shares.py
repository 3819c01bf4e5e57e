"""The share of the key space each shard owns, exactly, where a strategy stores it.

Keys only sample this: a ring's arcs, a Maglev or slot table's entries and a range's width
are the load each shard would get from infinitely many uniform keys. Modulo, jump and
rendezvous store nothing to measure; by construction each of their shards expects 1/N
(rendezvous: its weight over the total).
"""

from __future__ import annotations

from week4.sharding.strategies import (
    SLOT_COUNT,
    MaglevStrategy,
    RangeStrategy,
    RingStrategy,
    SlotStrategy,
    Strategy,
)

SPACE = 1 << 64


def exact_shares(strategy: Strategy) -> dict[str, float] | None:
    """Each shard's fraction of the hash space, or ``None`` when the strategy stores none.

    Examples:
        >>> from week4.sharding import make_strategy
        >>> exact_shares(make_strategy("slots", ["a", "b"]))
        {'a': 0.5, 'b': 0.5}
    """
    shares = dict.fromkeys(strategy.shards, 0.0)
    if isinstance(strategy, RingStrategy):
        points = strategy.points
        previous = points[-1][0] - SPACE
        for position, shard in points:  # a point owns the arc that ends at it
            shares[shard] += (position - previous) / SPACE
            previous = position
    elif isinstance(strategy, MaglevStrategy):
        for index in strategy.table:
            shares[strategy.shards[index]] += 1 / strategy.table_size
    elif isinstance(strategy, SlotStrategy):
        for index in strategy.owners:
            shares[strategy.shards[index]] += 1 / SLOT_COUNT
    elif isinstance(strategy, RangeStrategy):
        for shard in strategy.shards:
            low, high = strategy.range_of(shard)
            shares[shard] = (high - low) / SPACE
    else:
        return None
    return shares
