"""Hot keys: under a Zipf workload one key's requests all land on one shard, whatever the hash.

No routing scheme can split a single key: if the hottest key takes a share ``p`` of the
requests, its shard carries at least ``p × N`` times the mean load. Two remedies, measured:

- salting the hot key: the writer appends one of ``fanout`` suffixes (``item:1#0`` ..
  ``item:1#7``), so its requests spread over up to ``fanout`` shards, and a reader gathers
  all the suffixes (Amazon DynamoDB's *write sharding*, AWS docs, "Using write sharding to
  distribute workloads evenly");
- splitting the hottest range (range partitioning): it helps a hot range of many keys,
  never one key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from week4.errors import ParameterError
from week4.sharding.analysis.loads import Load, load_of
from week4.sharding.strategies import KeyBatch, RangeStrategy, Strategy
from week4.sharding.strategies.optional import numpy


@dataclass(frozen=True)
class HotKeys:
    """The hottest keys of a workload and the floor they put under the busiest shard.

    Attributes:
        hottest: The most requested keys with their request counts, busiest first.
        total: All the requests.
        shard_count: Shards the requests are spread over.
    """

    hottest: tuple[tuple[str, int], ...]
    total: int
    shard_count: int

    @property
    def floor(self) -> float:
        """The least max/mean any strategy can reach: the hottest key's share times N."""
        return self.hottest[0][1] / self.total * self.shard_count if self.total else 0.0


def hot_keys(keys: Sequence[str], shard_count: int, top: int = 5) -> HotKeys:
    """The ``top`` most requested keys of ``keys`` (ties broken by key, for determinism)."""
    if not keys:
        raise ParameterError("keys must not be empty")
    counts = Counter(keys)
    hottest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return HotKeys(tuple(hottest), len(keys), shard_count)


def salt_hot_keys(keys: Sequence[str], hot: Sequence[str], fanout: int) -> list[str]:
    """``keys`` with each request for a ``hot`` key sent to one of ``fanout`` sub-keys in turn."""
    if isinstance(fanout, bool) or not isinstance(fanout, int) or not 1 <= fanout <= 1024:
        raise ParameterError(f"fanout must be an integer in [1, 1024], got {fanout!r}")
    seen: Counter[str] = Counter()
    hot_set = set(hot)
    salted = []
    for key in keys:
        if key in hot_set:
            salted.append(f"{key}#{seen[key] % fanout}")
            seen[key] += 1
        else:
            salted.append(key)
    return salted


def salted_load(strategy: Strategy, keys: Sequence[str], hot: Sequence[str], fanout: int) -> Load:
    """The load of ``strategy`` once the ``hot`` keys are salted over ``fanout`` sub-keys."""
    return load_of(strategy, KeyBatch(salt_hot_keys(keys, hot, fanout)))


def split_hottest_range(
    strategy: RangeStrategy, batch: KeyBatch, new_shard: str
) -> tuple[RangeStrategy, Load]:
    """Split the busiest shard's range at the median position of its keys.

    Returns:
        The strategy with one more shard, and its load on ``batch``.
    """
    load = load_of(strategy, batch)
    busiest = strategy.shards[load.counts.index(max(load.counts))]
    low, high = strategy.range_of(busiest)
    inside = sorted({p for p in _positions(strategy, batch) if low <= p < high})
    middle = inside[len(inside) // 2] if inside else (low + high) // 2
    at = middle if low < middle < high else (low + high) // 2
    split = strategy.split(busiest, new_shard, at=at)
    return split, load_of(split, batch)


def _positions(strategy: RangeStrategy, batch: KeyBatch) -> list[int]:
    """The distinct positions of the keys of ``batch`` (hashes are computed once)."""
    if not strategy.hashed:
        return [strategy.position(k) for k in set(batch.keys)]
    hashes = batch.hashes()
    return list(set(hashes)) if isinstance(hashes, list) else numpy.unique(hashes).tolist()
