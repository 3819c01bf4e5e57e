"""Sharding: route keys to shards, measure balance and movement, reshard live.

The library part: ``strategies/`` (modulo, range, ring, rendezvous, jump, Maglev and Redis
Cluster slots, behind one :class:`Strategy` protocol and :func:`make_strategy`) and
``analysis/`` (balance, movement, memory and lookup cost, hot keys, as data).

Examples:
    >>> from week4.sharding import jump_hash, key_slot, make_strategy
    >>> key_slot("123456789")
    12739
    >>> jump_hash(1, 10)
    6
    >>> make_strategy("ring", ["s0", "s1", "s2"]).shard_for("user:42") in {"s0", "s1", "s2"}
    True
"""

from week4.sharding.strategies import (
    SLOT_COUNT,
    STRATEGIES,
    JumpStrategy,
    Key,
    KeyBatch,
    MaglevStrategy,
    ModuloStrategy,
    RangeStrategy,
    RendezvousStrategy,
    RingStrategy,
    SlotStrategy,
    Strategy,
    crc16,
    hash64,
    hash_tag,
    jump_hash,
    key_slot,
    make_strategy,
    numpy_available,
    shard_names,
    shards_for,
)

__all__ = [
    "SLOT_COUNT",
    "STRATEGIES",
    "JumpStrategy",
    "Key",
    "KeyBatch",
    "MaglevStrategy",
    "ModuloStrategy",
    "RangeStrategy",
    "RendezvousStrategy",
    "RingStrategy",
    "SlotStrategy",
    "Strategy",
    "crc16",
    "hash64",
    "hash_tag",
    "jump_hash",
    "key_slot",
    "make_strategy",
    "numpy_available",
    "shard_names",
    "shards_for",
]
