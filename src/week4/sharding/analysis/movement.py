"""Keys that move when a shard is added or removed, beside what theory says they should.

With N shards and uniform keys, the least a scheme can move is the new shard's share when
one is added, 1/(N+1), and the removed shard's share when one goes, 1/N: only the keys that
must change shard do. Modulo moves a key unless ``h mod N == h mod N'``, which keeps only
``min(N, N') / lcm(N, N')`` of them (:func:`modulo_moved_fraction`): N → N+1 moves
N/(N+1), about 91% at N = 10.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd

from week4.errors import ParameterError
from week4.sharding.strategies import KeyBatch, Strategy, shards_for
from week4.sharding.strategies.batch import IntArray
from week4.sharding.strategies.optional import numpy

JUMP_PAPER_QUOTE = (
    "But it is only necessary to move 1/6 of the data stored in the 10 shards in order "
    "to end up with the data balanced among 12 shards."
)
"""Lamping and Veach (2014), Introduction: the claim :func:`jump_paper_claim` measures."""


@dataclass(frozen=True)
class Movement:
    """The keys that changed shard between two configurations.

    Attributes:
        strategy: The strategy's name.
        change: What happened, e.g. ``"10 → 11"`` or ``"remove s3"``.
        moved: Keys whose shard changed.
        total: Keys looked up.
        ideal: The least fraction any scheme must move for this change.
    """

    strategy: str
    change: str
    moved: int
    total: int
    ideal: float

    @property
    def fraction(self) -> float:
        """The fraction of the keys that moved."""
        return self.moved / self.total if self.total else 0.0


def moved_keys(
    before: Strategy, after: Strategy, batch: KeyBatch, routed: IntArray | None = None
) -> int:
    """How many keys of ``batch`` route to a different shard name under ``after``.

    ``routed`` is ``shards_for(before, batch)`` when the caller already has it.
    """
    union = {name: i for i, name in enumerate(dict.fromkeys((*before.shards, *after.shards)))}
    old_ids = [union[s] for s in before.shards]
    new_ids = [union[s] for s in after.shards]
    old = shards_for(before, batch) if routed is None else routed
    new = shards_for(after, batch)
    if isinstance(old, list) or isinstance(new, list):
        return sum(old_ids[a] != new_ids[b] for a, b in zip(old, new, strict=True))
    old_names = numpy.array(old_ids, dtype=numpy.intp)[old]
    new_names = numpy.array(new_ids, dtype=numpy.intp)[new]
    return int(numpy.count_nonzero(old_names != new_names))


def minimal_fraction(before: int, after: int) -> float:
    """The least fraction of uniform keys that must move from ``before`` to ``after`` shards.

    Every shard should end with 1/after of the keys; growing, the new shards' share must
    arrive; shrinking, the removed shards' share must leave.
    """
    if before < 1 or after < 1:
        raise ParameterError(f"shard counts must be >= 1, got {before} and {after}")
    return abs(after - before) / max(before, after)


def modulo_moved_fraction(before: int, after: int) -> float:
    """The fraction modulo moves: a key stays iff ``h mod before == h mod after``.

    Both residues equal some ``r < min(before, after)``, and each such ``r`` fixes ``h``
    modulo ``lcm(before, after)``: so ``min / lcm`` of the hashes stay, and N → N+1 moves
    ``1 - N / (N (N+1)) = N/(N+1)``; 10 → 12 keeps 10/60 = 1/6 and moves 5/6.
    """
    if before < 1 or after < 1:
        raise ParameterError(f"shard counts must be >= 1, got {before} and {after}")
    lcm = before * after // gcd(before, after)
    return 1 - min(before, after) / lcm


def movement(
    before: Strategy,
    after: Strategy,
    batch: KeyBatch,
    change: str,
    routed: IntArray | None = None,
) -> Movement:
    """The :class:`Movement` from ``before`` to ``after`` over the keys of ``batch``."""
    ideal = minimal_fraction(len(before.shards), len(after.shards))
    moved = moved_keys(before, after, batch, routed)
    return Movement(before.name, change, moved, len(batch), ideal)


def add_and_remove(strategy: Strategy, batch: KeyBatch, new_shard: str) -> list[Movement]:
    """Movement for N → N+1 (``new_shard`` added last) and N → N−1 (the last one removed)."""
    count = len(strategy.shards)
    routed = shards_for(strategy, batch)
    grown = strategy.with_shards([*strategy.shards, new_shard])
    result = [movement(strategy, grown, batch, f"{count} → {count + 1}", routed)]
    if count > 1:
        shrunk = strategy.with_shards(strategy.shards[:-1])
        result.append(movement(strategy, shrunk, batch, f"{count} → {count - 1}", routed))
    return result


def remove_each(strategy: Strategy, batch: KeyBatch) -> list[Movement]:
    """Movement when each shard in turn is removed (any shard, not only the last)."""
    shards = strategy.shards
    routed = shards_for(strategy, batch)
    return [
        movement(
            strategy,
            strategy.with_shards([s for s in shards if s != gone]),
            batch,
            f"remove {gone}",
            routed,
        )
        for gone in shards
    ]


def jump_paper_claim(strategies: Sequence[Strategy], batch: KeyBatch) -> list[Movement]:
    """Each strategy (built over 10 shards) grown to 12: the paper says 1/6 must move."""
    result = []
    for strategy in strategies:
        if len(strategy.shards) != 10:
            raise ParameterError(
                f"strategies must have 10 shards, {strategy.name} has {len(strategy.shards)}"
            )
        grown = strategy.with_shards([*strategy.shards, "new-10", "new-11"])
        result.append(movement(strategy, grown, batch, "10 → 12"))
    return result
