"""Sharding strategies: seven ways to route a key to a shard, each usable on its own."""

from week4.sharding.strategies.base import Key, Strategy, check_shards, shard_names
from week4.sharding.strategies.batch import KeyBatch, numpy_available, shards_for
from week4.sharding.strategies.crc16 import SLOT_COUNT, crc16, key_slot
from week4.sharding.strategies.factory import STRATEGIES, make_strategy
from week4.sharding.strategies.keys import hash64
from week4.sharding.strategies.modulo import ModuloStrategy

__all__ = [
    "SLOT_COUNT",
    "STRATEGIES",
    "Key",
    "KeyBatch",
    "ModuloStrategy",
    "Strategy",
    "check_shards",
    "crc16",
    "hash64",
    "key_slot",
    "make_strategy",
    "numpy_available",
    "shard_names",
    "shards_for",
]
