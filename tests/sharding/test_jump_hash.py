"""jump_hash against the paper's C++ (transcribed again here, with C types) and the C peer."""

from __future__ import annotations

import ctypes

import jump
import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import ParameterError
from week4.sharding import JumpStrategy, jump_hash
from week4.sharding.strategies import jump_hash_array, numpy_available

U64 = st.integers(min_value=0, max_value=2**64 - 1)
BUCKETS = st.integers(min_value=1, max_value=2**31 - 1)


def paper_jump(key: int, num_buckets: int) -> int:
    """Lamping and Veach's C++ again, with ctypes doing C's wrapping and conversions."""
    k = ctypes.c_uint64(key)
    b, j = ctypes.c_int64(-1), ctypes.c_int64(0)
    while j.value < ctypes.c_int32(num_buckets).value:
        b = ctypes.c_int64(j.value)
        k = ctypes.c_uint64(k.value * 2862933555777941757 + 1)
        divisor = ctypes.c_double(float((k.value >> 33) + 1))
        ratio = ctypes.c_double(float(1 << 31) / divisor.value)
        j = ctypes.c_int64(int(ctypes.c_double(float(b.value + 1) * ratio.value).value))
    return ctypes.c_int32(b.value).value


EDGE_KEYS = [0, 1, 2, 3, 2**32 - 1, 2**32, 2**33 - 1, 2**33, 2**63 - 1, 2**63, 2**64 - 1]
EDGE_BUCKETS = [1, 2, 3, 10, 11, 12, 1000, 65536, 2**31 - 1]


@pytest.mark.parametrize("num_buckets", EDGE_BUCKETS)
def test_jump_hash_matches_the_papers_code_on_edge_keys(num_buckets):
    for key in EDGE_KEYS:
        assert jump_hash(key, num_buckets) == paper_jump(key, num_buckets)


@pytest.mark.parametrize("num_buckets", EDGE_BUCKETS)
def test_jump_hash_matches_the_c_extension_on_edge_keys(num_buckets):
    for key in EDGE_KEYS:
        assert jump_hash(key, num_buckets) == jump.hash(key, num_buckets)


@given(U64, BUCKETS)
def test_jump_hash_matches_the_papers_code_for_any_u64_key(key, num_buckets):
    assert jump_hash(key, num_buckets) == paper_jump(key, num_buckets)


@given(U64, BUCKETS)
def test_jump_hash_matches_the_c_extension_for_any_u64_key(key, num_buckets):
    assert jump_hash(key, num_buckets) == jump.hash(key, num_buckets)


@given(U64, st.integers(min_value=1, max_value=5000))
def test_growing_by_one_bucket_moves_a_key_only_to_the_new_bucket(key, num_buckets):
    before, after = jump_hash(key, num_buckets), jump_hash(key, num_buckets + 1)
    assert after in (before, num_buckets)


@pytest.mark.skipif(not numpy_available(), reason="numpy is optional")
@given(st.lists(U64, min_size=1, max_size=300), BUCKETS)
def test_the_vectorised_jump_equals_the_scalar_one(keys, num_buckets):
    import numpy

    array = jump_hash_array(numpy.array(keys, dtype=numpy.uint64), num_buckets, chunk=7)
    assert array.tolist() == [jump_hash(k, num_buckets) for k in keys]


@pytest.mark.parametrize("key", [-1, 2**64, 1.0, True, "1"])
def test_a_key_outside_the_unsigned_64_bit_range_is_refused(key):
    with pytest.raises(ParameterError, match="key must be an integer in"):
        jump_hash(key, 10)


@pytest.mark.parametrize("num_buckets", [0, -1, 2**31, 2.0, False])
def test_a_bucket_count_outside_int32_is_refused(num_buckets):
    with pytest.raises(ParameterError, match="num_buckets must be an integer in"):
        jump_hash(1, num_buckets)


def test_the_jump_strategy_routes_to_the_bucket_of_the_keys_hash():
    from week4.sharding import hash64

    strategy = JumpStrategy([f"s{i}" for i in range(7)])
    assert strategy.shard_for("user:1") == f"s{jump_hash(hash64('user:1'), 7)}"
