"""Consistent hashing on a ring with virtual nodes (Karger et al. 1997).

David Karger, Eric Lehman, Tom Leighton, Matthew Levine, Daniel Lewin and Rina Panigrahy,
*Consistent Hashing and Random Trees* (STOC 1997). Each shard is hashed to many points of
a circle of 2**64 positions (its virtual nodes); a key belongs to the first point at or
after its own hash, going clockwise. Adding a shard takes over only the arcs in front of
its new points, about 1/(N+1) of the keys. Virtual nodes even out the arcs: with ``v`` of
them per shard the largest load shrinks towards the mean roughly as ``1/sqrt(v)``. A
shard's ``weight`` multiplies its virtual nodes (at least one), as Dynamo's tokens and
ketama's weights do.

Collisions: two virtual nodes that hash to the same point are ordered by shard name, then
replica number, and only the first keeps the point, whatever order the shards were given
in. :attr:`RingStrategy.collisions` counts the points lost that way (almost always 0).

Lookups use an index on the first 16 bits of the hash, built with the ring: for a prefix
that no point starts with (most of them, while the ring has far fewer than 65,536 points)
the owner is stored outright; otherwise only the points with that prefix are searched.
Same answer as a binary search over the whole ring, with fewer pointer chases.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from hashlib import blake2s
from itertools import accumulate

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, check_shards, check_weights, kept_weights
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import digest8
from week4.sharding.strategies.optional import numpy

MAX_POINTS = 1 << 18
"""At most this many points on a ring (memory and build-time guard)."""


class RingStrategy:
    """A consistent-hash ring with ``vnodes`` virtual nodes per unit of weight.

    The default, 512, keeps the expected spread of the shares (about ``1/sqrt(vnodes)``,
    4.4%) below that of ketama's 160 points per server, for 5,120 points on ten shards.
    """

    name: str = "ring"

    def __init__(
        self,
        shards: Sequence[str],
        *,
        vnodes: int = 512,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self._shards = check_shards(shards)
        if isinstance(vnodes, bool) or not isinstance(vnodes, int) or vnodes < 1:
            raise ParameterError(f"vnodes must be an integer >= 1, got {vnodes!r}")
        self._weights = check_weights(self._shards, weights)
        self.vnodes = vnodes
        if any(vnodes * w > MAX_POINTS for w in self._weights):
            raise ParameterError(f"vnodes x weight must be at most {MAX_POINTS} points a shard")
        counts = [max(1, round(vnodes * w)) for w in self._weights]
        if sum(counts) > MAX_POINTS:
            raise ParameterError(
                f"vnodes x weights x shards must be at most {MAX_POINTS} points, got {sum(counts)}"
            )
        entries = [
            (blake2s(f"{shard}#{replica}".encode()).digest()[:8], shard, replica, index)
            for index, (shard, count) in enumerate(zip(self._shards, counts, strict=True))
            for replica in range(count)
        ]
        points, owners = place_points(entries)
        self.collisions = len(entries) - len(points)
        self._points = points
        self._owners = owners
        # A sentinel above every 8-byte point wraps the ring around: a key past the last
        # point goes to the first one, without a bounds check on the lookup path.
        self._wrapped = [*points, b"\xff" * 9]
        self._names = [self._shards[o] for o in (*owners, owners[0])]
        # 255 (65535 past 254 shards) marks a prefix whose points must be searched.
        self._search = 255 if len(self._shards) < 255 else 65535
        self._starts, self._direct = _prefix_index(points, [*owners, owners[0]], self._search)
        self._ints: IntArray | None = None
        self._direct_array: IntArray = None

    def __repr__(self) -> str:
        return f"RingStrategy({list(self._shards)!r}, vnodes={self.vnodes})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names."""
        return self._shards

    @property
    def points(self) -> list[tuple[int, str]]:
        """The ring's points clockwise, as (position in ``[0, 2**64)``, shard)."""
        return [
            (int.from_bytes(p, "big"), self._shards[o])
            for p, o in zip(self._points, self._owners, strict=True)
        ]

    def shard_for(self, key: Key) -> str:
        """The shard of the first virtual node at or after ``key``'s hash, clockwise."""
        if type(key) is str and key:  # the fast path of digest8 for the common case
            try:
                point = blake2s(key.encode()).digest()[:8]
            except UnicodeEncodeError:  # lone surrogates: let key_bytes encode them
                point = digest8(key)
        else:
            point = digest8(key)
        prefix = point[0] << 8 | point[1]
        index = self._direct[prefix]
        if index == self._search:  # some points share the key's prefix: search among them
            low, high = self._starts[prefix], self._starts[prefix + 1]
            return self._names[bisect_left(self._wrapped, point, low, high)]
        return self._shards[index]

    def with_shards(self, shards: Sequence[str]) -> RingStrategy:
        """The ring over ``shards``: kept shards keep their points and weights."""
        weights = kept_weights(self._shards, self._weights, shards)
        return RingStrategy(shards, vnodes=self.vnodes, weights=weights)

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        hashes = batch.hashes()
        count = len(self._points)
        if isinstance(hashes, list):
            ints = [int.from_bytes(p, "big") for p in self._points]
            places = [bisect_left(ints, h) for h in hashes]
            return [self._owners[i if i < count else 0] for i in places]
        if self._ints is None:
            self._ints = numpy.array([int.from_bytes(p, "big") for p in self._points], "u8")
            direct = [-1 if i == self._search else i for i in self._direct]
            self._direct_array = numpy.array(direct, dtype=numpy.intp)
        # Most keys take their owner from the prefix index; the rest search the ring.
        found: IntArray = self._direct_array[hashes >> numpy.uint64(48)]
        rest = numpy.flatnonzero(found < 0)
        places = numpy.searchsorted(self._ints, hashes[rest], side="left")
        places[places == count] = 0
        found[rest] = numpy.array(self._owners, dtype=numpy.intp)[places]
        return found


def _prefix_index(
    points: Sequence[bytes], owners: Sequence[int], search: int
) -> tuple[array[int], bytes | array[int]]:
    """For each 16-bit prefix: where its points start, and its owner when it has no points.

    The owners sit in a compact table (one byte each for up to 254 shards), which stays in
    the processor's cache; ``search`` marks the prefixes that have points.
    """
    counts = [0] * (1 << 16)
    for point in points:
        counts[point[0] << 8 | point[1]] += 1
    starts = array("I", [0, *accumulate(counts)])
    direct = [search if count else owners[starts[p]] for p, count in enumerate(counts)]
    return starts, (bytes(direct) if search == 255 else array("H", direct))


def place_points(
    entries: Sequence[tuple[bytes, str, int, int]],
) -> tuple[list[bytes], list[int]]:
    """Sort ``(point, shard, replica, shard index)`` entries round the ring, one per point.

    On a collision the entry that sorts first, by shard name then replica, keeps the point,
    whatever order the entries came in.

    Examples:
        >>> place_points([(b"2", "b", 0, 1), (b"1", "a", 0, 0), (b"2", "a", 1, 0)])
        ([b'1', b'2'], [0, 0])
    """
    points: list[bytes] = []
    owners: list[int] = []
    for point, _shard, _replica, index in sorted(entries):
        if points and points[-1] == point:
            continue
        points.append(point)
        owners.append(index)
    return points, owners
