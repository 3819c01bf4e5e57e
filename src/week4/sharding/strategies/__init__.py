"""Sharding strategies: seven ways to route a key to a shard, each usable on its own."""

from week4.sharding.strategies.base import Key, Strategy, check_shards, shard_names
from week4.sharding.strategies.batch import KeyBatch, numpy_available, shards_for
from week4.sharding.strategies.crc16 import SLOT_COUNT, crc16, hash_tag, key_slot
from week4.sharding.strategies.factory import STRATEGIES, make_strategy
from week4.sharding.strategies.jump import JumpStrategy, jump_hash, jump_hash_array, jump_steps
from week4.sharding.strategies.keys import hash64
from week4.sharding.strategies.maglev import MaglevStrategy
from week4.sharding.strategies.modulo import ModuloStrategy
from week4.sharding.strategies.ranges import RangeStrategy
from week4.sharding.strategies.rendezvous import RendezvousStrategy
from week4.sharding.strategies.ring import RingStrategy
from week4.sharding.strategies.slots import SlotStrategy

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
    "check_shards",
    "crc16",
    "hash64",
    "hash_tag",
    "jump_hash",
    "jump_hash_array",
    "jump_steps",
    "key_slot",
    "make_strategy",
    "numpy_available",
    "shard_names",
    "shards_for",
]
