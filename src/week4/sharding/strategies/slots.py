"""Redis Cluster's hash slots: 16,384 slots, each owned by one shard, moved one by one.

Redis Cluster specification, *Key distribution model* and *Cluster live reconfiguration*:
a key's slot is :func:`~week4.sharding.strategies.crc16.key_slot`; the cluster keeps a
table from slot to node, and resharding moves whole slots (MIGRATING/IMPORTING, with ASK
redirects meanwhile). ``redis-cli --cluster create`` gives each of N masters one contiguous
run of about 16384/N slots; :meth:`SlotStrategy.with_shards` rebalances by moving the fewest
slots possible: each shard's target is its weighted share (largest remainder), and only
slots of removed shards and the surplus of shards above their target change owner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key, check_shards, check_weights, kept_weights
from week4.sharding.strategies.batch import IntArray, KeyBatch
from week4.sharding.strategies.crc16 import SLOT_COUNT, slot_of_bytes
from week4.sharding.strategies.keys import key_bytes
from week4.sharding.strategies.optional import numpy


def slot_targets(weights: Sequence[float], current: Sequence[int]) -> list[int]:
    """How many slots each shard should own: its weighted share, whole slots summing to 16384.

    Shares are rounded down; the slots left over go one each to the largest remainders,
    and on equal remainders to the shards that own more slots now (so fewer slots move),
    then to the earlier shard.
    """
    total = sum(weights)
    exact = [SLOT_COUNT * w / total for w in weights]
    targets = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - targets[i]), -current[i], i))
    for i in order[: SLOT_COUNT - sum(targets)]:
        targets[i] += 1
    return targets


def contiguous_slots(count: int) -> list[int]:
    """``redis-cli --cluster create``'s layout: shard i owns one run of about 16384/N slots."""
    return [slot * count // SLOT_COUNT for slot in range(SLOT_COUNT)]


class SlotStrategy:
    """A table of 16,384 slots, each naming the index of the shard that owns it."""

    name: str = "slots"

    def __init__(
        self,
        shards: Sequence[str],
        *,
        owners: Sequence[int] | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self._shards = check_shards(shards)
        self._weights = check_weights(self._shards, weights)
        if len(self._shards) > SLOT_COUNT:
            raise ParameterError(f"shards must be at most {SLOT_COUNT} for slots")
        if owners is None:
            owners = self._weighted_layout() if weights else contiguous_slots(len(self._shards))
        owners = list(owners)
        if len(owners) != SLOT_COUNT or not all(
            isinstance(o, int) and 0 <= o < len(self._shards) for o in owners
        ):
            raise ParameterError(
                f"owners must list {SLOT_COUNT} shard indices in [0, {len(self._shards) - 1}]"
            )
        self.owners = owners
        self._array: IntArray | None = None

    def __repr__(self) -> str:
        return f"SlotStrategy({list(self._shards)!r})"

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names."""
        return self._shards

    def slots_of(self, shard: str) -> list[int]:
        """The slots ``shard`` owns, ascending."""
        index = self._shards.index(shard)
        return [slot for slot, owner in enumerate(self.owners) if owner == index]

    def owner_of(self, slot: int) -> str:
        """The shard that owns ``slot``."""
        return self._shards[self.owners[slot]]

    def shard_for(self, key: Key) -> str:
        """The owner of ``key_slot(key)`` (integer keys as their decimal string)."""
        return self._shards[self.owners[slot_of_bytes(key_bytes(key))]]

    def with_shards(self, shards: Sequence[str]) -> SlotStrategy:
        """The slots over ``shards``, moving the fewest slots to reach the targets."""
        new = check_shards(shards)
        weights = kept_weights(self._shards, self._weights, new)
        position = {shard: i for i, shard in enumerate(new)}
        owned: list[list[int]] = [[] for _ in new]
        pool: list[int] = []
        for slot, owner in enumerate(self.owners):
            index = position.get(self._shards[owner])
            (pool if index is None else owned[index]).append(slot)
        targets = slot_targets(check_weights(new, weights), [len(s) for s in owned])
        for index, slots in enumerate(owned):
            while len(slots) > targets[index]:
                pool.append(slots.pop())
        pool.sort(reverse=True)  # pop() hands out the lowest slot first
        owners = [0] * SLOT_COUNT
        for index, slots in enumerate(owned):
            while len(slots) < targets[index]:
                slots.append(pool.pop())
            for slot in slots:
                owners[slot] = index
        return SlotStrategy(new, owners=owners, weights=weights)

    def _weighted_layout(self) -> list[int]:
        targets = slot_targets(self._weights, [0] * len(self._shards))
        return [i for i, count in enumerate(targets) for _ in range(count)]

    def shard_indices(self, batch: KeyBatch) -> IntArray:
        """The shard index of every key in ``batch``."""
        slots = batch.slots()
        if isinstance(slots, list):
            return [self.owners[s] for s in slots]
        if self._array is None:
            self._array = numpy.array(self.owners, dtype=numpy.intp)
        found: IntArray = self._array[slots]
        return found
