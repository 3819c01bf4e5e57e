"""key_slot against the Redis Cluster specification and redis-py (a test-only peer)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from redis.crc import key_slot as redis_key_slot

from week4.errors import ParameterError
from week4.sharding import crc16, hash_tag, key_slot


def bitwise_crc16_xmodem(data: bytes) -> int:
    """CRC16/XMODEM bit by bit: polynomial 0x1021, init 0, no reflection, no final XOR."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def test_the_specs_check_value_is_reproduced():
    assert crc16(b"123456789") == 0x31C3
    assert key_slot("123456789") == 12739


@pytest.mark.parametrize(
    ("key", "hashed"),
    [
        ("{user1000}.following", "user1000"),
        ("{user1000}.followers", "user1000"),
        ("foo{}{bar}", "foo{}{bar}"),
        ("foo{{bar}}zap", "{bar"),
        ("foo{bar}{zap}", "bar"),
        ("no tags", "no tags"),
        ("open{only", "open{only"),
        ("}{x}", "x"),
    ],
)
def test_hash_tags_follow_the_specs_examples(key, hashed):
    assert hash_tag(key.encode()) == hashed.encode()
    assert key_slot(key) == crc16(hashed.encode()) % 16384


KEYS = st.binary(min_size=1, max_size=40) | st.builds(
    lambda a, b, c: a + b"{" + b + b"}" + c,
    st.binary(max_size=8),
    st.binary(max_size=8),
    st.binary(max_size=8),
)


@given(KEYS)
def test_key_slot_agrees_with_redis_py_on_any_key(key):
    assert key_slot(key) == redis_key_slot(key)


@given(st.binary(max_size=64))
def test_crc16_agrees_with_a_bitwise_transcription(data):
    assert crc16(data) == bitwise_crc16_xmodem(data)


@given(st.text(min_size=1, max_size=20))
def test_a_str_key_is_slotted_as_its_utf8_bytes(text):
    assert key_slot(text) == redis_key_slot(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("key", ["", b""])
def test_an_empty_key_is_refused(key):
    with pytest.raises(ParameterError, match="key must not be empty"):
        key_slot(key)


def test_an_integer_key_is_refused_by_key_slot():
    with pytest.raises(ParameterError, match="key must be str or bytes"):
        key_slot(12)  # type: ignore[arg-type]
