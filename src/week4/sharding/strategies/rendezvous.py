"""Rendezvous hashing, or highest random weight (Thaler and Ravishankar 1998).

David Thaler and Chinya Ravishankar, *Using Name-Based Mappings to Increase Hit Rates*
(IEEE/ACM Transactions on Networking, 1998). Every shard scores every key with a hash of
the pair; the key goes to the highest score. Removing a shard moves only its own keys (each
to its second choice); adding one takes from every shard exactly the keys it now wins. No
table at all, but a lookup costs one hash per shard.

The score of (key, shard) is MurmurHash3's fmix64 of the key's 64-bit hash XOR the shard's
(see :func:`~week4.sharding.strategies.keys.mix64`). Weights use the logarithmic method
(Jason Resch, *New Hashing Algorithms for Data Storage*, 2015; Schindelhauer and Schomaker,
*Weighted Distributed Hash Tables*, 2005): with ``u`` the score as a number in (0, 1),
shard i bids ``-w_i / ln(u)`` and wins a share ``w_i / sum(w)`` of the keys.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from week4.sharding.strategies.base import Key, check_shards, check_weights, kept_weights
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import hash64, hash_name, mix64
from week4.sharding.strategies.optional import numpy

_UNIT = 2.0**-53
CHUNK = 1 << 16


def unit_score(score: int) -> float:
    """A 64-bit score as a double strictly inside (0, 1): its top 53 bits, plus one half."""
    return ((score >> 11) + 0.5) * _UNIT


class RendezvousStrategy:
    """Highest random weight: the shard with the highest score for the key wins."""

    name: str = "rendezvous"

    def __init__(
        self, shards: Sequence[str], *, weights: Mapping[str, float] | None = None
    ) -> None:
        self._shards = check_shards(shards)
        self._weights = check_weights(self._shards, weights)
        self._seeds = tuple(hash_name(shard) for shard in self._shards)
        self.weighted = len(set(self._weights)) > 1

    def __repr__(self) -> str:
        return f"RendezvousStrategy({list(self._shards)!r})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names."""
        return self._shards

    def shard_for(self, key: Key) -> str:
        """The shard with the highest score for ``key`` (the first one on a tie)."""
        return self._shards[self._best(hash64(key))]

    def with_shards(self, shards: Sequence[str]) -> RendezvousStrategy:
        """Rendezvous over ``shards``: kept shards keep their weights."""
        weights = kept_weights(self._shards, self._weights, shards)
        return RendezvousStrategy(shards, weights=weights)

    def _best(self, key_hash: int) -> int:
        best, best_score = 0, -1.0
        for index, seed in enumerate(self._seeds):
            score = mix64(key_hash ^ seed)
            bid = -self._weights[index] / math.log(unit_score(score)) if self.weighted else score
            if bid > best_score:
                best, best_score = index, bid
        return best

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch`` (one score per key and shard)."""
        hashes = batch.hashes()
        if isinstance(hashes, list):
            return [self._best(h) for h in hashes]
        result = numpy.empty(len(hashes), dtype=numpy.intp)
        for start in range(0, len(hashes), CHUNK):
            result[start : start + CHUNK] = self._best_array(hashes[start : start + CHUNK])
        return result

    def _best_array(self, hashes: IntArray) -> IntArray:
        best = numpy.zeros(len(hashes), dtype=numpy.intp)
        top: IntArray = None
        for index, seed in enumerate(self._seeds):
            score = _mix64_array(hashes ^ numpy.uint64(seed))
            if self.weighted:
                unit = ((score >> numpy.uint64(11)).astype(numpy.float64) + 0.5) * _UNIT
                score = -self._weights[index] / numpy.log(unit)
            if top is None:
                top = score
                continue
            wins = score > top
            best[wins] = index
            top = numpy.where(wins, score, top)
        return best


def _mix64_array(values: IntArray) -> IntArray:
    """:func:`mix64` of every element of a ``uint64`` array (wrapping multiplication)."""
    shift = numpy.uint64(33)
    values = values ^ (values >> shift)
    values = values * numpy.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> shift)
    values = values * numpy.uint64(0xC4CEB9FE1A85EC53)
    result: IntArray = values ^ (values >> shift)
    return result
