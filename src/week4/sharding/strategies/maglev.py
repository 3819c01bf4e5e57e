"""Maglev hashing (Eisenbud et al. 2016): a lookup table of prime size, filled in turns.

Daniel E. Eisenbud et al., *Maglev: A Fast and Reliable Software Network Load Balancer*
(NSDI 2016), section 3.4. Every shard ``i`` has a permutation of the table's ``M`` slots,
``permutation[i][j] = (offset_i + j * skip_i) mod M`` with ``offset_i = h1(name) mod M``
and ``skip_i = h2(name) mod (M - 1) + 1``; ``M`` is prime, so every skip walks the whole
table. The populate loop (the paper's Algorithm 1) lets the shards take turns claiming
their next preferred slot that is still empty, until the table is full. A key's shard is
``entry[hash(key) mod M]``: one array read.

Balance is nearly perfect (every shard gets ``M/N`` slots, give or take one), and when a
shard joins or leaves most slots keep their owner, though not all: Maglev trades a little
extra movement for the balance. Weights, as the paper suggests, give a shard more turns:
in every round each shard earns ``weight / max_weight`` turns and takes the whole ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, check_shards, check_weights, kept_weights
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import hash64, hash_name
from week4.sharding.strategies.optional import numpy

MAX_TABLE_SIZE = 262_147
"""The largest lookup table accepted (a prime)."""


def is_prime(number: int) -> bool:
    """Whether ``number`` is prime (trial division; fine up to :data:`MAX_TABLE_SIZE`)."""
    if number < 2:
        return False
    divisor = 2
    while divisor * divisor <= number:
        if number % divisor == 0:
            return False
        divisor += 1
    return True


def populate(
    offsets: Sequence[int], skips: Sequence[int], weights: Sequence[float], size: int
) -> list[int]:
    """The paper's Algorithm 1: the lookup table, as the index of each slot's shard."""
    entry = [-1] * size
    following = [0] * len(offsets)
    credit = [0.0] * len(offsets)
    heaviest = max(weights)
    filled = 0
    while True:
        for i, (offset, skip) in enumerate(zip(offsets, skips, strict=True)):
            credit[i] += weights[i] / heaviest
            while credit[i] >= 1.0:
                credit[i] -= 1.0
                slot = (offset + following[i] * skip) % size
                while entry[slot] >= 0:
                    following[i] += 1
                    slot = (offset + following[i] * skip) % size
                entry[slot] = i
                following[i] += 1
                filled += 1
                if filled == size:
                    return entry


class MaglevStrategy:
    """Maglev's lookup table of prime size ``table_size`` (65,537 as in the paper)."""

    name: str = "maglev"

    def __init__(
        self,
        shards: Sequence[str],
        *,
        table_size: int = 65537,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self._shards = check_shards(shards)
        self._weights = check_weights(self._shards, weights)
        if (
            isinstance(table_size, bool)
            or not isinstance(table_size, int)
            or not len(self._shards) <= table_size <= MAX_TABLE_SIZE
            or not is_prime(table_size)
        ):
            raise ParameterError(
                f"table_size must be a prime in [{len(self._shards)}, {MAX_TABLE_SIZE}] "
                f"(at least the shard count), got {table_size!r}"
            )
        self.table_size = table_size
        offsets = [hash_name(s, "#offset") % table_size for s in self._shards]
        skips = [hash_name(s, "#skip") % (table_size - 1) + 1 for s in self._shards]
        # Shards take their turns in name order, so the table does not depend on the order
        # the shards were listed in.
        turns = sorted(range(len(self._shards)), key=self._shards.__getitem__)
        table = populate(
            [offsets[i] for i in turns],
            [skips[i] for i in turns],
            [self._weights[i] for i in turns],
            table_size,
        )
        self.table = [turns[entry] for entry in table]
        self._array: IntArray | None = None

    def __repr__(self) -> str:
        return f"MaglevStrategy({list(self._shards)!r}, table_size={self.table_size})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names."""
        return self._shards

    def shard_for(self, key: Key) -> str:
        """The shard in the table's slot ``hash64(key) mod M``."""
        return self._shards[self.table[hash64(key) % self.table_size]]

    def with_shards(self, shards: Sequence[str]) -> MaglevStrategy:
        """A new table over ``shards`` (same size; kept shards keep their weights)."""
        weights = kept_weights(self._shards, self._weights, shards)
        return MaglevStrategy(shards, table_size=self.table_size, weights=weights)

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        hashes = batch.hashes()
        if isinstance(hashes, list):
            return [self.table[h % self.table_size] for h in hashes]
        if self._array is None:
            self._array = numpy.array(self.table, dtype=numpy.intp)
        found: IntArray = self._array[hashes % numpy.uint64(self.table_size)]
        return found
