"""Redis Cluster's key-to-slot function: CRC16 (XMODEM) of the key or its hash tag, mod 16384.

From the Redis Cluster specification (*Key distribution model* and *Hash tags*,
https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/):
``HASH_SLOT = CRC16(key) mod 16384``, with the CRC16 variant XMODEM (polynomial 0x1021,
initial value 0, no reflection, no final XOR; the CRC16 of ``"123456789"`` is ``0x31C3``).
If the key contains a ``{``, and a ``}`` somewhere after that first ``{``, with at least one
byte between them, only the bytes between the first ``{`` and the first ``}`` after it are
hashed, so ``{user1000}.following`` and ``{user1000}.followers`` share a slot.

:func:`binascii.crc_hqx` computes exactly this CRC (CRC-CCITT, non-reflected) in C.

Examples:
    >>> crc16(b"123456789") == 0x31C3
    True
    >>> key_slot("123456789")
    12739
    >>> key_slot("{user1000}.following") == key_slot("{user1000}.followers")
    True
"""

from __future__ import annotations

from binascii import crc_hqx

from week4.errors import ParameterError
from week4.sharding.strategies.keys import key_bytes

SLOT_COUNT = 16384
"""How many hash slots a Redis cluster has."""


def crc16(data: bytes) -> int:
    """CRC16/XMODEM of ``data`` (the CRC Redis Cluster uses)."""
    return crc_hqx(data, 0)


def hash_tag(data: bytes) -> bytes:
    """The part of ``data`` that is hashed: its hash tag if it has one, else all of it."""
    start = data.find(b"{")
    if start < 0:
        return data
    end = data.find(b"}", start + 1)
    if end < 0 or end == start + 1:
        return data
    return data[start + 1 : end]


def slot_of_bytes(data: bytes) -> int:
    """The hash slot of a key already turned into bytes (no validation)."""
    return crc_hqx(hash_tag(data), 0) & (SLOT_COUNT - 1)


def key_slot(key: str | bytes) -> int:
    """The Redis Cluster hash slot of ``key``, in ``[0, 16384)``.

    ``str`` keys are hashed as UTF-8, as Redis clients send them. Redis itself accepts the
    empty key (slot 0); week4 refuses it, like every other strategy does.

    Raises:
        ParameterError: An empty key, or one that is neither ``str`` nor ``bytes``.
    """
    if isinstance(key, int):
        raise ParameterError(f"key must be str or bytes, got {type(key).__name__}")
    return slot_of_bytes(key_bytes(key))
