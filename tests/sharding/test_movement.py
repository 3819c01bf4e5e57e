"""Keys moved on a resize, beside theory: 1/(N+1) at best, N/(N+1) for modulo."""

from __future__ import annotations

import functools
import random

import pytest

from week4.sharding import KeyBatch, make_strategy, shard_names, shards_for
from week4.sharding.analysis import (
    JUMP_PAPER_QUOTE,
    STRATEGY_ORDER,
    add_and_remove,
    jump_paper_claim,
    minimal_fraction,
    modulo_moved_fraction,
    remove_each,
    uniform_keys,
)

CONSISTENT = ["ring", "rendezvous", "jump", "maglev", "slots"]


@functools.cache
def batch() -> KeyBatch:
    return KeyBatch(uniform_keys(40_000, random.Random(13)))


def test_the_least_movement_is_the_new_or_removed_shards_share():
    assert minimal_fraction(10, 11) == pytest.approx(1 / 11)
    assert minimal_fraction(10, 9) == pytest.approx(1 / 10)
    assert minimal_fraction(10, 12) == pytest.approx(1 / 6)


def test_modulo_theory_gives_n_over_n_plus_one_and_five_sixths_from_10_to_12():
    assert modulo_moved_fraction(10, 11) == pytest.approx(10 / 11)
    assert modulo_moved_fraction(10, 12) == pytest.approx(5 / 6)


@pytest.mark.parametrize("name", CONSISTENT)
def test_consistent_schemes_move_about_the_new_shards_share(name):
    grown, shrunk = add_and_remove(make_strategy(name, shard_names(10)), batch(), "s10")
    # 40,000 keys: sampling error about 0.15 points; the ring's arcs and Maglev's table
    # add their own imbalance, so allow 15% of the ideal either way.
    assert grown.fraction == pytest.approx(grown.ideal, rel=0.15)
    assert shrunk.fraction == pytest.approx(shrunk.ideal, rel=0.15)


def test_modulo_moves_what_its_theory_says():
    grown, shrunk = add_and_remove(make_strategy("modulo", shard_names(10)), batch(), "s10")
    assert grown.fraction == pytest.approx(modulo_moved_fraction(10, 11), abs=0.01)
    assert shrunk.fraction == pytest.approx(modulo_moved_fraction(10, 9), abs=0.01)


@pytest.mark.parametrize("name", ["ring", "rendezvous", "jump", "slots"])
def test_on_growth_every_moved_key_moves_to_the_new_shard(name):
    before = make_strategy(name, shard_names(10))
    after = before.with_shards(shard_names(11))
    keys = batch().keys[:5000]
    moved = [after.shard_for(k) for k in keys if after.shard_for(k) != before.shard_for(k)]
    assert moved
    assert set(moved) == {"s10"}


@pytest.mark.parametrize("name", ["ring", "rendezvous", "slots"])
def test_removing_any_shard_moves_only_that_shards_keys(name):
    before = make_strategy(name, shard_names(6))
    keys = batch().keys[:3000]
    for gone in before.shards:
        after = before.with_shards([s for s in before.shards if s != gone])
        moved_from = {
            before.shard_for(k) for k in keys if after.shard_for(k) != before.shard_for(k)
        }
        assert moved_from == {gone}


def test_jump_renumbers_buckets_so_removing_a_middle_shard_moves_far_more():
    movements = remove_each(make_strategy("jump", shard_names(10)), batch())
    by_shard = {m.change: m.fraction for m in movements}
    assert by_shard["remove s9"] == pytest.approx(0.1, abs=0.01)
    assert by_shard["remove s0"] > 0.5


def test_the_jump_papers_10_to_12_claim_holds_for_jump_and_fails_for_modulo():
    assert "1/6" in JUMP_PAPER_QUOTE
    strategies = [make_strategy(n, shard_names(10)) for n in ("jump", "modulo")]
    jumped, modulo = jump_paper_claim(strategies, batch())
    assert jumped.ideal == pytest.approx(1 / 6)
    assert jumped.fraction == pytest.approx(1 / 6, abs=0.01)
    assert modulo.fraction == pytest.approx(5 / 6, abs=0.01)


def test_moved_counts_are_the_same_with_and_without_numpy():
    keys = uniform_keys(5000, random.Random(5))
    for name in STRATEGY_ORDER:
        strategy = make_strategy(name, shard_names(5))
        fast = add_and_remove(strategy, KeyBatch(keys), "s5")
        slow = add_and_remove(strategy, KeyBatch(keys, use_numpy=False), "s5")
        assert fast == slow


def test_a_slot_resize_moves_the_fewest_slots_and_evens_the_counts():
    before = make_strategy("slots", shard_names(10))
    after = before.with_shards(shard_names(11))
    moved = sum(before.owner_of(s) != after.owner_of(s) for s in range(16384))
    counts = sorted(len(after.slots_of(s)) for s in after.shards)
    assert counts[-1] - counts[0] <= 1
    # only the surplus of the old shards over their new targets changes owner, all to s10
    surplus = sum(len(before.slots_of(s)) - len(after.slots_of(s)) for s in before.shards)
    assert moved == surplus == len(after.slots_of("s10"))


def test_batch_and_single_lookups_agree_after_a_resize():
    after = make_strategy("range", shard_names(4)).with_shards(["s0", "s2", "s3", "s4", "s5"])
    keys = batch().keys[:2000]
    indices = list(shards_for(after, keys))
    assert [after.shards[i] for i in indices] == [after.shard_for(k) for k in keys]
