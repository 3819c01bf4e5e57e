"""Measurements of the sharding strategies, as data: balance, movement, cost, hot keys.

Every function takes its keys (or a seeded :class:`random.Random` to draw them) and returns
dataclasses; the chapter's figures turn them into tables and charts. Batch lookups use
numpy when it is installed and give the same counts without it.
"""

from week4.sharding.analysis.balance import STRATEGY_ORDER, balance_by_strategy, balance_by_vnodes
from week4.sharding.analysis.cost import Cost, cost_of
from week4.sharding.analysis.hotkeys import (
    HotKeys,
    hot_keys,
    salt_hot_keys,
    salted_load,
    split_hottest_range,
)
from week4.sharding.analysis.loads import Load, load_of
from week4.sharding.analysis.movement import (
    JUMP_PAPER_QUOTE,
    Movement,
    add_and_remove,
    jump_paper_claim,
    minimal_fraction,
    modulo_moved_fraction,
    moved_keys,
    movement,
    remove_each,
)
from week4.sharding.analysis.shares import exact_shares
from week4.sharding.analysis.workload import uniform_keys, zipf_keys, zipf_top_share

__all__ = [
    "JUMP_PAPER_QUOTE",
    "STRATEGY_ORDER",
    "Cost",
    "HotKeys",
    "Load",
    "Movement",
    "add_and_remove",
    "balance_by_strategy",
    "balance_by_vnodes",
    "cost_of",
    "exact_shares",
    "hot_keys",
    "jump_paper_claim",
    "load_of",
    "minimal_fraction",
    "modulo_moved_fraction",
    "moved_keys",
    "movement",
    "remove_each",
    "salt_hot_keys",
    "salted_load",
    "split_hottest_range",
    "uniform_keys",
    "zipf_keys",
    "zipf_top_share",
]
