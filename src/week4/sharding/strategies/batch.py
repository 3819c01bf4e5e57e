"""Batch lookups: a million keys routed at once, with numpy when it is there.

A :class:`KeyBatch` hashes its keys once (the expensive, per-key part) and keeps the result
for every strategy that looks them up. Strategies with a ``shard_indices(batch)`` method
route the whole batch with vectorised numpy arithmetic when numpy is importable, and with a
pure-Python loop otherwise; both paths give the same indices, which the tests check.

Examples:
    >>> from week4.sharding import make_strategy
    >>> batch = KeyBatch(["a", "b", "c"], use_numpy=False)
    >>> strategy = make_strategy("modulo", ["s0", "s1"])
    >>> [strategy.shards[i] for i in shards_for(strategy, batch)] == [
    ...     strategy.shard_for(k) for k in "abc"
    ... ]
    True
"""

from __future__ import annotations

from binascii import crc_hqx
from collections.abc import Sequence
from typing import Any, Protocol, TypeAlias

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, Strategy
from week4.sharding.strategies.crc16 import SLOT_COUNT, slot_of_bytes
from week4.sharding.strategies.keys import digests, encoded, hash64
from week4.sharding.strategies.optional import available, numpy

MASK = SLOT_COUNT - 1

IntArray: TypeAlias = Any
"""A list of ints (pure Python) or a numpy integer array (when numpy is used)."""


def numpy_available() -> bool:
    """Whether numpy can be imported (the optional ``fast`` extra)."""
    return available()


class KeyBatch:
    """Keys prepared for batch lookups; each projection is computed once, on first use.

    Args:
        keys: The keys (checked when first hashed: none empty, no negative integers).
        use_numpy: ``True`` to require numpy, ``False`` to use pure Python, ``None`` to use
            numpy when it is importable.

    Raises:
        ParameterError: A bad key, or ``use_numpy=True`` without numpy.
    """

    def __init__(self, keys: Sequence[Key], *, use_numpy: bool | None = None) -> None:
        if use_numpy and not available():
            raise ParameterError("use_numpy=True needs numpy, which is not installed")
        self.keys = list(keys)
        self.numpy = available() and use_numpy is not False
        self._hashes: IntArray | None = None
        self._slots: IntArray | None = None
        self._ints: IntArray | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def hashes(self) -> IntArray:
        """The 64-bit hash of every key (``uint64`` array with numpy, else a list)."""
        if self._hashes is None:
            if self.numpy:
                raw = numpy.frombuffer(digests(self.keys), dtype=">u8")
                self._hashes = raw.astype(numpy.uint64)
            else:
                joined = digests(self.keys)
                self._hashes = [
                    int.from_bytes(joined[i : i + 8], "big") for i in range(0, len(joined), 8)
                ]
        return self._hashes

    def slots(self) -> IntArray:
        """The Redis Cluster hash slot of every key (see :func:`key_slot`)."""
        if self._slots is None:
            values = [
                crc_hqx(data, 0) & MASK if b"{" not in data else slot_of_bytes(data)
                for data in encoded(self.keys)
            ]
            self._slots = numpy.array(values, dtype=numpy.int64) if self.numpy else values
        return self._slots

    def ints(self) -> IntArray:
        """Integer keys as themselves, other keys as their hash (what modulo divides)."""
        if self._ints is None:
            if int not in set(map(type, self.keys)):
                self._ints = self.hashes()
            else:
                values = [k if isinstance(k, int) else hash64(k) for k in self.keys]
                fits = self.numpy and all(v < 1 << 64 for v in values)
                self._ints = numpy.array(values, dtype=numpy.uint64) if fits else values
        return self._ints


class BatchRouting(Protocol):
    """A strategy that can route a :class:`KeyBatch` at once."""

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The index (into ``shards``) of every key's shard, in key order."""
        ...


def shards_for(strategy: Strategy, keys: KeyBatch | Sequence[Key]) -> IntArray:
    """The index into ``strategy.shards`` of each key's shard (an array with numpy).

    Strategies without a batch method are looked up key by key.
    """
    batch = keys if isinstance(keys, KeyBatch) else KeyBatch(keys)
    route = getattr(strategy, "shard_indices", None)
    if route is not None:
        result: IntArray = route(batch)
        return result
    position = {shard: i for i, shard in enumerate(strategy.shards)}
    indices = [position[strategy.shard_for(k)] for k in batch.keys]
    return numpy.array(indices, dtype=numpy.intp) if batch.numpy else indices
