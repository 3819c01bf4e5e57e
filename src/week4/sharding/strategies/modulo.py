"""The original demo's sharding: ``user_id % shard_count``.

Integer keys are divided as they are (the original ``user_id % shard_count``); other keys
by their 64-bit hash. Simple and perfectly balanced on uniform keys, but when the shard
count changes from N to N+1 a key stays only if ``k mod N == k mod (N+1)``, so about
N/(N+1) of all keys move (Karger et al. 1997, the problem consistent hashing solves).

Examples:
    >>> ModuloStrategy(["s0", "s1", "s2"]).shard_for(7)
    's1'
"""

from __future__ import annotations

from collections.abc import Sequence

from week4.sharding.strategies.base import Key, check_shards
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import hash64, key_bytes
from week4.sharding.strategies.optional import numpy


class ModuloStrategy:
    """``key mod N`` over N shards (the hash of the key when it is not an integer)."""

    name: str = "modulo"

    def __init__(self, shards: Sequence[str]) -> None:
        self._shards = check_shards(shards)

    def __repr__(self) -> str:
        return f"ModuloStrategy({list(self._shards)!r})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names; key ``k`` goes to ``shards[k % len(shards)]``."""
        return self._shards

    def shard_for(self, key: Key) -> str:
        """The shard of ``key``: ``shards[key % N]``, or of its hash for non-integers."""
        if isinstance(key, int) and not isinstance(key, bool):
            key_bytes(key)  # refuses negative keys
            return self._shards[key % len(self._shards)]
        return self._shards[hash64(key) % len(self._shards)]

    def with_shards(self, shards: Sequence[str]) -> ModuloStrategy:
        """Modulo over ``shards``."""
        return ModuloStrategy(shards)

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        values = batch.ints()
        count = len(self._shards)
        if isinstance(values, list):
            indices = [v % count for v in values]
            return numpy.array(indices, dtype=numpy.intp) if batch.numpy else indices
        return (values % numpy.uint64(count)).astype(numpy.intp)
