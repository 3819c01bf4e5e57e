"""Balance on uniform keys, weights, virtual nodes, and the hot key no hash can split."""

from __future__ import annotations

import functools
import random

import pytest

from week4.errors import ParameterError
from week4.sharding import KeyBatch, RangeStrategy, make_strategy, shard_names
from week4.sharding.analysis import (
    STRATEGY_ORDER,
    Load,
    balance_by_strategy,
    balance_by_vnodes,
    cost_of,
    hot_keys,
    load_of,
    salt_hot_keys,
    salted_load,
    split_hottest_range,
    uniform_keys,
    zipf_keys,
    zipf_top_share,
)


@functools.cache
def uniform() -> KeyBatch:
    return KeyBatch(uniform_keys(50_000, random.Random(21)))


@functools.cache
def zipf() -> list[str]:
    return zipf_keys(50_000, random.Random(22), exponent=1.1, universe=10_000)


def test_load_figures_are_max_over_mean_and_the_coefficient_of_variation():
    load = Load("x", ("a", "b"), (30, 10))
    assert load.mean == 20
    assert load.max_over_mean == 1.5
    assert load.cv == pytest.approx(0.5)


def test_every_strategy_balances_uniform_keys_within_a_few_percent():
    for load in balance_by_strategy(shard_names(10), uniform()):
        assert load.total == 50_000
        # 5,000 keys a shard: sampling alone gives a CV near 1.4%; the ring's arcs add ~4%
        assert load.max_over_mean < (1.15 if load.strategy == "ring" else 1.06), load


def test_more_virtual_nodes_balance_the_ring_better():
    rows = balance_by_vnodes(shard_names(10), uniform(), [1, 16, 1024])
    cvs = [load.cv for _, load in rows]
    assert cvs[0] > cvs[1] > cvs[2]
    assert cvs[2] < 0.05


@pytest.mark.parametrize("name", ["ring", "rendezvous", "maglev", "slots"])
def test_a_shard_with_twice_the_weight_gets_about_twice_the_keys(name):
    strategy = make_strategy(name, shard_names(5), weights={"s2": 2.0})
    counts = load_of(strategy, uniform()).counts
    others = (sum(counts) - counts[2]) / 4
    assert counts[2] / others == pytest.approx(2.0, rel=0.15)


def test_unhashed_ranges_keep_neighbouring_keys_together_and_can_split_a_range():
    strategy = RangeStrategy(
        ["a", "b"], split_points=[int.from_bytes(b"m" + bytes(7), "big")], hashed=False
    )
    assert [strategy.shard_for(k) for k in ("apple", "kiwi", "melon", "zebra")] == [
        "a",
        "a",
        "b",
        "b",
    ]
    split = strategy.split("b", "c", at=int.from_bytes(b"t" + bytes(7), "big"))
    assert [split.shard_for(k) for k in ("melon", "zebra")] == ["b", "c"]
    assert split.order == ("a", "b", "c")


def test_a_removed_range_merges_into_its_left_neighbour():
    strategy = RangeStrategy(shard_names(4))
    merged = strategy.with_shards(["s0", "s2", "s3"])
    assert merged.range_of("s0") == (0, strategy.range_of("s1")[1])
    assert merged.range_of("s2") == strategy.range_of("s2")


def test_the_hottest_key_puts_a_floor_under_every_strategys_busiest_shard():
    keys = zipf()
    hot = hot_keys(keys, 10)
    assert hot.hottest[0][0] == "item:1"
    assert hot.floor == pytest.approx(zipf_top_share(10_000, 1.1) * 10, rel=0.05)
    for load in balance_by_strategy(shard_names(10), KeyBatch(keys)):
        assert load.max_over_mean >= hot.floor - 1e-9


def test_salting_the_hot_keys_lowers_the_busiest_shard():
    keys = zipf()
    ring = make_strategy("ring", shard_names(10))
    hottest = [key for key, _ in hot_keys(keys, 10, top=3).hottest]
    before = load_of(ring, KeyBatch(keys))
    after = salted_load(ring, keys, hottest, fanout=10)
    assert after.total == before.total
    assert after.max_over_mean < before.max_over_mean


def test_salting_sends_a_hot_keys_requests_round_robin_over_its_sub_keys():
    assert salt_hot_keys(["h", "x", "h", "h"], ["h"], 2) == ["h#0", "x", "h#1", "h#0"]
    with pytest.raises(ParameterError, match="fanout must be an integer in"):
        salt_hot_keys(["h"], ["h"], 0)


def test_splitting_the_hottest_range_adds_a_shard_but_cannot_split_one_key():
    batch = KeyBatch(zipf())
    strategy = RangeStrategy(shard_names(10))
    split, after = split_hottest_range(strategy, batch, "s10")
    before = load_of(strategy, batch)
    assert len(split.shards) == 11
    assert max(after.counts) <= max(before.counts)
    assert max(after.counts) >= hot_keys(batch.keys, 11).hottest[0][1]


def test_costs_are_counted_in_entries_and_steps():
    costs = {n: cost_of(make_strategy(n, shard_names(10)), uniform()) for n in STRATEGY_ORDER}
    assert costs["maglev"].entries == 65537
    assert costs["slots"].entries == 16384
    assert costs["ring"].entries == 5120
    assert costs["rendezvous"].steps == 10
    assert costs["modulo"].entries == costs["jump"].entries == 0
    # bucket j+1 is visited with probability 1/(j+1): the expected steps are the harmonic
    # number H(10) = 2.93, about ln(10) + 0.58
    harmonic = sum(1 / k for k in range(1, 11))
    assert costs["jump"].steps == pytest.approx(harmonic, abs=0.06)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: uniform_keys(0, random.Random(1)), "count must be an integer in"),
        (lambda: zipf_keys(10, random.Random(1), exponent=-1), "exponent must be a number"),
        (lambda: zipf_keys(10, random.Random(1), exponent=float("nan")), "exponent"),
        (lambda: zipf_keys(10, random.Random(1), universe=0), "universe must be"),
        (lambda: hot_keys([], 3), "keys must not be empty"),
    ],
)
def test_bad_workload_parameters_are_refused_with_one_line(call, message):
    with pytest.raises(ParameterError, match=message):
        call()


def test_the_same_seed_draws_the_same_keys():
    assert zipf_keys(100, random.Random(4)) == zipf_keys(100, random.Random(4))
    assert uniform_keys(100, random.Random(4)) == uniform_keys(100, random.Random(4))
