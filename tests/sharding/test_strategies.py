"""Every strategy routes every key to one of its shards, the same way in batch and alone."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import ParameterError
from week4.sharding import (
    STRATEGIES,
    KeyBatch,
    Strategy,
    make_strategy,
    shard_names,
    shards_for,
)
from week4.sharding.strategies import numpy_available
from week4.sharding.strategies.ring import place_points

NAMES = list(STRATEGIES)
WEIGHTED = ["ring", "rendezvous", "maglev", "slots"]
KEYS = (
    st.text(min_size=1, max_size=12)
    | st.binary(min_size=1, max_size=12)
    | st.integers(min_value=0, max_value=2**70)
)


def mixed_keys(count: int, seed: int) -> list:
    rng = random.Random(seed)
    keys: list = [f"user:{rng.getrandbits(40)}" for _ in range(count)]
    keys += [b"\x00bytes", "ünïcode", "{tag}.a", "\ud800lone", 0, 7, 2**64 - 1, 2**80]
    return keys


@functools.cache
def five_shards(name: str) -> Strategy:
    return make_strategy(name, shard_names(5))


@pytest.mark.parametrize("name", NAMES)
@given(key=KEYS)
def test_a_key_always_goes_to_one_of_the_shards_and_the_same_one(name, key):
    strategy = five_shards(name)
    assert strategy.shard_for(key) in strategy.shards
    assert strategy.shard_for(key) == strategy.shard_for(key)


@pytest.mark.parametrize("name", NAMES)
def test_a_strategy_built_twice_routes_alike(name):
    keys = mixed_keys(300, seed=11)
    again = make_strategy(name, shard_names(5))
    assert [five_shards(name).shard_for(k) for k in keys] == [again.shard_for(k) for k in keys]


@pytest.mark.parametrize("name", NAMES)
def test_with_shards_keeps_the_scheme_and_takes_the_new_shards(name):
    strategy = make_strategy(name, shard_names(4))
    grown = strategy.with_shards(shard_names(6))
    assert grown.name == strategy.name == name
    assert grown.shards == shard_names(6)


@pytest.mark.skipif(not numpy_available(), reason="numpy is optional")
@pytest.mark.parametrize(
    ("name", "weighted"), [(n, False) for n in NAMES] + [(n, True) for n in WEIGHTED]
)
def test_numpy_and_pure_python_batches_give_identical_assignments(name, weighted):
    options = {"weights": {"s1": 2.5, "s4": 0.5}} if weighted else {}
    strategy = make_strategy(name, shard_names(7), **options)
    keys = mixed_keys(3000, seed=len(name))
    fast = shards_for(strategy, KeyBatch(keys, use_numpy=True)).tolist()
    slow = shards_for(strategy, KeyBatch(keys, use_numpy=False))
    alone = [strategy.shards.index(strategy.shard_for(k)) for k in keys]
    assert fast == slow == alone


@pytest.mark.parametrize("name", ["ring", "rendezvous", "maglev"])
def test_shard_order_does_not_matter_to_the_hash_based_schemes(name):
    forward = make_strategy(name, ["a", "b", "c", "d"])
    backward = make_strategy(name, ["d", "c", "b", "a"])
    keys = mixed_keys(20000, seed=3)
    assert [forward.shard_for(k) for k in keys] == [backward.shard_for(k) for k in keys]


def test_modulo_divides_integer_keys_as_the_original_demo_did():
    strategy = make_strategy("modulo", shard_names(4))
    assert [strategy.shard_for(user_id) for user_id in range(6)] == [
        "s0",
        "s1",
        "s2",
        "s3",
        "s0",
        "s1",
    ]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("shards", "message"),
    [
        ([], "1 to 16384 shards"),
        (["a", "a"], "distinct"),
        (["a", ""], "non-empty"),
        ("ab", "not one"),
    ],
)
def test_bad_shard_lists_are_refused_with_one_line(name, shards, message):
    with pytest.raises(ParameterError, match=message):
        make_strategy(name, shards)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "not be empty"),
        (b"", "not be empty"),
        (-1, "non-negative"),
        (1.5, "str, bytes or int"),
        (None, "str, bytes or int"),
    ],
)
def test_bad_keys_are_refused_with_one_line(name, key, message):
    with pytest.raises(ParameterError, match=message):
        make_strategy(name, shard_names(3)).shard_for(key)


@pytest.mark.parametrize("name", WEIGHTED)
@pytest.mark.parametrize("weight", [0, -1, float("nan"), float("inf"), 1e7, "2", True])
def test_non_positive_or_non_finite_weights_are_refused(name, weight):
    with pytest.raises(ParameterError, match="weights must be positive finite numbers"):
        make_strategy(name, shard_names(3), weights={"s0": weight})


def test_colliding_ring_points_go_to_the_first_shard_by_name_whatever_the_order():
    entries = [(b"\x05", "b", 0, 1), (b"\x05", "a", 3, 0), (b"\x09", "b", 1, 1)]
    assert place_points(entries) == ([b"\x05", b"\x09"], [0, 1])
    assert place_points(entries[::-1]) == place_points(entries)


def test_a_ring_without_collisions_keeps_every_point():
    ring = make_strategy("ring", shard_names(10), vnodes=100)
    assert ring.collisions == 0
    assert len(ring.points) == 1000


def test_a_weight_for_an_unknown_shard_is_refused():
    with pytest.raises(ParameterError, match="unknown shards: s9"):
        make_strategy("ring", shard_names(3), weights={"s9": 2})


@pytest.mark.parametrize("count", [0, -3, 16385, 1.5, True])
def test_a_shard_count_outside_1_to_16384_is_refused(count):
    with pytest.raises(ParameterError, match=r"shard count must be an integer in \[1, 16384\]"):
        shard_names(count)


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("nope", {}, "strategy must be one of"),
        ("ring", {"vnodes": 0}, "vnodes must be an integer >= 1"),
        ("ring", {"vnodes": 10**7}, "at most"),
        ("maglev", {"table_size": 65536}, "table_size must be a prime"),
        ("maglev", {"table_size": 2}, "table_size must be a prime"),
        ("range", {"split_points": [5, 3]}, "increase strictly"),
        ("range", {"split_points": [1]}, "must be 2 integers"),
        ("modulo", {"vnodes": 3}, "bad option for strategy 'modulo'"),
    ],
)
def test_bad_options_are_refused_with_one_line(name, options, message):
    with pytest.raises(ParameterError, match=message):
        make_strategy(name, shard_names(3), **options)


@pytest.mark.skipif(not numpy_available(), reason="numpy is optional")
@pytest.mark.parametrize(
    ("shards", "vnodes"),
    [(shard_names(3), 30_000), (shard_names(300), 8)],
    ids=["more points than prefixes", "more shards than a byte holds"],
)
def test_a_crowded_ring_routes_batches_like_single_lookups(shards, vnodes):
    ring = make_strategy("ring", shards, vnodes=vnodes)
    keys = mixed_keys(20_000, seed=9)
    fast = shards_for(ring, KeyBatch(keys, use_numpy=True)).tolist()
    slow = shards_for(ring, KeyBatch(keys, use_numpy=False))
    assert fast == slow == [ring.shards.index(ring.shard_for(k)) for k in keys]


def test_use_numpy_can_be_turned_off_for_a_batch():
    batch = KeyBatch(["a", "b"], use_numpy=False)
    assert isinstance(shards_for(make_strategy("jump", shard_names(3)), batch), list)


class FirstLetter:
    """A strategy of one's own, with no batch method: keys go by their first character."""

    name = "first-letter"

    def __init__(self, shards):
        self._shards = tuple(shards)

    @property
    def shards(self):
        return self._shards

    def shard_for(self, key):
        return self._shards[ord(str(key)[0]) % len(self._shards)]

    def with_shards(self, shards):
        return FirstLetter(shards)


@pytest.mark.parametrize("use_numpy", [False, None])
def test_a_strategy_without_a_batch_method_is_looked_up_key_by_key(use_numpy):
    strategy = FirstLetter(["x", "y", "z"])
    indices = shards_for(strategy, KeyBatch(["a", "b", "c", "d"], use_numpy=use_numpy))
    assert list(indices) == [1, 2, 0, 1]
