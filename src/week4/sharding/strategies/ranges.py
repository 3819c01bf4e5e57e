"""Range partitioning: each shard owns one contiguous range of key positions.

Bigtable's tablets, HBase's regions, CockroachDB's ranges and MongoDB's chunks split the
key space at split points. Shard ``order[i]`` owns the positions from ``bounds[i]`` up to
the next bound. A hot range is split in two (:meth:`RangeStrategy.split`); a removed
shard's range merges into its left neighbour; a new shard takes the upper half of the
widest range, so only that range's keys move.

A key's position is its 64-bit hash by default (``hashed=True``: even load, as MongoDB's
hashed sharding), or, with ``hashed=False``, the key itself in order: an integer key as
it is (below 2**64), a string or bytes key as its first 8 bytes read big-endian, so
neighbouring keys share a shard and range scans stay on one shard, at the price of hot
spots when the keys are not uniform.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, check_shards
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import MASK64, hash64, key_bytes
from week4.sharding.strategies.optional import numpy

SPACE = 1 << 64
"""Positions run over ``[0, 2**64)``."""


def order_position(key: Key) -> int:
    """The order-preserving position of ``key`` (see the module docstring)."""
    if isinstance(key, int) and not isinstance(key, bool):
        key_bytes(key)
        if key > MASK64:
            raise ParameterError(f"key must be below 2**64 for unhashed ranges, got {key}")
        return key
    return int.from_bytes(key_bytes(key)[:8].ljust(8, b"\0"), "big")


class RangeStrategy:
    """Contiguous ranges of positions, one per shard, cut at ``split_points``."""

    name: str = "range"

    def __init__(
        self,
        shards: Sequence[str],
        *,
        split_points: Sequence[int] | None = None,
        hashed: bool = True,
        order: Sequence[str] | None = None,
    ) -> None:
        self._shards = check_shards(shards)
        self.order = check_shards(order) if order is not None else self._shards
        if sorted(self.order) != sorted(self._shards):
            raise ParameterError("order must list the same shards as shards")
        count = len(self._shards)
        if split_points is None:
            split_points = [i * SPACE // count for i in range(1, count)]
        points = list(split_points)
        if len(points) != count - 1 or any(
            isinstance(p, bool) or not isinstance(p, int) for p in points
        ):
            raise ParameterError(f"split_points must be {count - 1} integers, got {points!r}")
        if not all(a < b for a, b in zip([0, *points], [*points, SPACE], strict=True)):
            raise ParameterError("split_points must increase strictly inside (0, 2**64)")
        self.bounds = (0, *points)
        self.hashed = hashed
        index = {shard: i for i, shard in enumerate(self._shards)}
        self._owners = [index[s] for s in self.order]

    def __repr__(self) -> str:
        return f"RangeStrategy({list(self.order)!r}, split_points={list(self.bounds[1:])!r})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names (``order`` gives them in key order)."""
        return self._shards

    def position(self, key: Key) -> int:
        """Where ``key`` falls in ``[0, 2**64)``."""
        return hash64(key) if self.hashed else order_position(key)

    def range_of(self, shard: str) -> tuple[int, int]:
        """The positions ``[low, high)`` that ``shard`` owns."""
        i = self.order.index(shard)
        return self.bounds[i], (self.bounds[i + 1] if i + 1 < len(self.bounds) else SPACE)

    def shard_for(self, key: Key) -> str:
        """The shard whose range holds ``key``'s position."""
        return self.order[bisect_right(self.bounds, self.position(key)) - 1]

    def split(self, shard: str, new_shard: str, at: int | None = None) -> RangeStrategy:
        """Split ``shard``'s range at ``at`` (its middle by default); ``new_shard`` takes the top.

        Raises:
            ParameterError: ``at`` is not strictly inside the range, or ``new_shard`` exists.
        """
        low, high = self.range_of(shard)
        at = (low + high) // 2 if at is None else at
        if isinstance(at, bool) or not isinstance(at, int) or not low < at < high:
            raise ParameterError(f"at must be an integer in ({low}, {high}), got {at!r}")
        i = self.order.index(shard)
        order = [*self.order[: i + 1], new_shard, *self.order[i + 1 :]]
        points = [*self.bounds[1 : i + 1], at, *self.bounds[i + 1 :]]
        return RangeStrategy(
            [*self._shards, new_shard], split_points=points, hashed=self.hashed, order=order
        )

    def with_shards(self, shards: Sequence[str]) -> RangeStrategy:
        """Removed shards merge into the left neighbour; new ones split the widest range."""
        new = check_shards(shards)
        keep = set(new)
        order = [s for s in self.order if s in keep]
        points = [b for s, b in zip(self.order, self.bounds, strict=True) if s in keep][1:]
        if not order:
            return RangeStrategy(new, hashed=self.hashed)
        result = RangeStrategy(order, split_points=points, hashed=self.hashed)
        for shard in new:
            if shard not in result.order:
                widest = max(result.order, key=lambda s: _width(result.range_of(s)))
                result = result.split(widest, shard)
        return RangeStrategy(
            new, split_points=list(result.bounds[1:]), hashed=self.hashed, order=result.order
        )

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        owners = self._owners
        if not self.hashed:
            return _maybe_array(
                batch,
                [owners[bisect_right(self.bounds, order_position(k)) - 1] for k in batch.keys],
            )
        hashes = batch.hashes()
        if isinstance(hashes, list):
            return [owners[bisect_right(self.bounds, h) - 1] for h in hashes]
        found = numpy.searchsorted(numpy.array(self.bounds, dtype="u8"), hashes, side="right")
        result: IntArray = numpy.array(owners, dtype=numpy.intp)[found - 1]
        return result


def _width(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _maybe_array(batch: KeyBatch, values: list[int]) -> IntArray:
    return numpy.array(values, dtype=numpy.intp) if batch.numpy else values
