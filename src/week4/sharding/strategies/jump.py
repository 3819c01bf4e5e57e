"""Jump consistent hash (Lamping and Veach 2014): no table, a few steps, minimal movement.

John Lamping and Eric Veach, *A Fast, Minimal Memory, Consistent Hash Algorithm* (2014),
https://arxiv.org/abs/1406.2294. The paper's C++, which :func:`jump_hash` transcribes bit
for bit::

    int32_t JumpConsistentHash(uint64_t key, int32_t num_buckets) {
        int64_t b = -1, j = 0;
        while (j < num_buckets) {
            b = j;
            key = key * 2862933555777941757ULL + 1;
            j = (b + 1) * (double(1LL << 31) / double((key >> 33) + 1));
        }
        return b;
    }

Python's ``float`` is the same IEEE 754 double, and converting a positive double to
``int64_t`` truncates as :class:`int` does. Buckets are numbered 0..n-1, so shards can only
be added or removed at the end: removing shard ``s3`` of ten renumbers the shards after it.

Examples:
    >>> jump_hash(0, 1)
    0
    >>> [jump_hash(k, 10) for k in range(5)]
    [0, 6, 6, 8, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, check_shards
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.keys import MASK64, hash64
from week4.sharding.strategies.optional import available, numpy

LCG_MULTIPLIER = 2862933555777941757
"""The 64-bit linear congruential generator's multiplier in the paper."""

MAX_BUCKETS = (1 << 31) - 1
"""The paper's ``num_buckets`` is an ``int32_t``."""


def check_jump_arguments(key: int, num_buckets: int) -> None:
    """Refuse what the paper's C++ types cannot hold, with a one-line error."""
    if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key <= MASK64:
        raise ParameterError(f"key must be an integer in [0, 2**64 - 1], got {key!r}")
    if (
        isinstance(num_buckets, bool)
        or not isinstance(num_buckets, int)
        or not 1 <= num_buckets <= MAX_BUCKETS
    ):
        raise ParameterError(
            f"num_buckets must be an integer in [1, 2**31 - 1], got {num_buckets!r}"
        )


def jump_hash(key: int, num_buckets: int) -> int:
    """The bucket in ``[0, num_buckets)`` of a 64-bit ``key``, exactly as the paper's C++.

    Raises:
        ParameterError: ``key`` outside ``[0, 2**64 - 1]`` or ``num_buckets`` outside
            ``[1, 2**31 - 1]``.
    """
    if not (
        type(key) is int
        and type(num_buckets) is int
        and 0 <= key <= MASK64
        and 1 <= num_buckets <= MAX_BUCKETS
    ):
        check_jump_arguments(key, num_buckets)  # raises the one-line error
    b, j = -1, 0
    while j < num_buckets:
        b = j
        key = (key * LCG_MULTIPLIER + 1) & MASK64
        j = int((b + 1) * (2147483648.0 / float((key >> 33) + 1)))
    return b


def jump_steps(key: int, num_buckets: int) -> int:
    """How many times the loop of :func:`jump_hash` runs for ``key`` (its lookup cost)."""
    check_jump_arguments(key, num_buckets)
    steps, b, j = 0, -1, 0
    while j < num_buckets:
        steps, b = steps + 1, j
        key = (key * LCG_MULTIPLIER + 1) & MASK64
        j = int((b + 1) * (2147483648.0 / float((key >> 33) + 1)))
    return steps


def jump_hash_array(keys: IntArray, num_buckets: int, chunk: int = 1 << 16) -> IntArray:
    """:func:`jump_hash` of every key of a ``uint64`` array, vectorised with numpy.

    Every key runs the same loop; keys whose loop has ended drop out, so the work is the
    total number of steps, not the longest chain times the number of keys. Chunks of 65,536
    keys keep the arrays in the processor's cache.
    """
    check_jump_arguments(0, num_buckets)
    if not available():
        raise ParameterError("jump_hash_array needs numpy; use jump_hash for each key")
    keys = numpy.asarray(keys, dtype=numpy.uint64)
    result = numpy.empty(len(keys), dtype=numpy.intp)
    for start in range(0, len(keys), chunk):
        result[start : start + chunk] = _jump_chunk(keys[start : start + chunk], num_buckets)
    return result


def _jump_chunk(keys: IntArray, num_buckets: int) -> IntArray:
    multiplier, one, shift = numpy.uint64(LCG_MULTIPLIER), numpy.uint64(1), numpy.uint64(33)
    result = numpy.zeros(len(keys), dtype=numpy.intp)  # b = 0 after the first step
    state = keys * multiplier + one
    j = (2147483648.0 / ((state >> shift) + one).astype(numpy.float64)).astype(numpy.int64)
    active = numpy.flatnonzero(j < num_buckets)
    state, b = state[active], j[active]
    while len(active):
        state = state * multiplier + one
        divisor = ((state >> shift) + one).astype(numpy.float64)
        j = ((b + 1).astype(numpy.float64) * (2147483648.0 / divisor)).astype(numpy.int64)
        done = j >= num_buckets
        result[active[done]] = b[done]
        keep = ~done
        active, state, b = active[keep], state[keep], j[keep]
    return result


class JumpStrategy:
    """Jump consistent hash over the key's 64-bit hash; shard i is bucket i."""

    name: str = "jump"

    def __init__(self, shards: Sequence[str]) -> None:
        self._shards = check_shards(shards)
        check_jump_arguments(0, len(self._shards))

    def __repr__(self) -> str:
        return f"JumpStrategy({list(self._shards)!r})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names; bucket ``i`` is ``shards[i]``."""
        return self._shards

    def shard_for(self, key: Key) -> str:
        """The shard of ``key``: ``shards[jump_hash(hash64(key), N)]``."""
        return self._shards[jump_hash(hash64(key), len(self._shards))]

    def with_shards(self, shards: Sequence[str]) -> JumpStrategy:
        """Jump over ``shards`` (their order is the bucket numbering)."""
        return JumpStrategy(shards)

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        hashes = batch.hashes()
        if isinstance(hashes, list):
            return [jump_hash(h, len(self._shards)) for h in hashes]
        return jump_hash_array(hashes, len(self._shards))
