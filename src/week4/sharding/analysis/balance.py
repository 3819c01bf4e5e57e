"""Balance of every strategy on the same keys, and of the ring as virtual nodes grow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from week4.errors import ParameterError
from week4.sharding.analysis.loads import Load, load_of
from week4.sharding.strategies import STRATEGIES, KeyBatch, RingStrategy, make_strategy

STRATEGY_ORDER = ("modulo", "range", "ring", "rendezvous", "jump", "maglev", "slots")
"""The order the chapter presents the strategies in."""


def balance_by_strategy(
    shards: Sequence[str],
    batch: KeyBatch,
    *,
    names: Sequence[str] = STRATEGY_ORDER,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Load]:
    """The load of each strategy in ``names`` over ``shards`` for the keys of ``batch``.

    Args:
        shards: The shard names.
        batch: The keys (hashed once, shared by every strategy).
        names: Which strategies, in order.
        options: Per-strategy options, e.g. ``{"ring": {"vnodes": 64}}``.
    """
    unknown = [n for n in names if n not in STRATEGIES]
    if unknown:
        raise ParameterError(f"names must be among {', '.join(STRATEGIES)}, got {unknown}")
    options = options or {}
    return [load_of(make_strategy(n, shards, **options.get(n, {})), batch) for n in names]


def balance_by_vnodes(
    shards: Sequence[str], batch: KeyBatch, vnodes: Sequence[int]
) -> list[tuple[int, Load]]:
    """The ring's load for each number of virtual nodes per shard in ``vnodes``."""
    return [(v, load_of(RingStrategy(shards, vnodes=v), batch)) for v in vnodes]
