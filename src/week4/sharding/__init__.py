"""Sharding: route keys to shards, measure balance and movement, reshard live.

The library part: ``strategies/`` (modulo, range, ring, rendezvous, jump, Maglev, Redis
Cluster slots, behind one :class:`Strategy` protocol and :func:`make_strategy`) and
``analysis/`` (balance, movement, memory and lookup cost, hot keys, as data).
"""

from week4.sharding.strategies import (
    SLOT_COUNT,
    STRATEGIES,
    Key,
    KeyBatch,
    ModuloStrategy,
    Strategy,
    crc16,
    hash64,
    key_slot,
    make_strategy,
    shard_names,
    shards_for,
)

__all__ = [
    "SLOT_COUNT",
    "STRATEGIES",
    "Key",
    "KeyBatch",
    "ModuloStrategy",
    "Strategy",
    "crc16",
    "hash64",
    "key_slot",
    "make_strategy",
    "shard_names",
    "shards_for",
]
