"""How keys become bytes and 64-bit hashes: the one place every strategy relies on.

- ``str`` keys are encoded as UTF-8; ``bytes`` are used as they are; a non-negative ``int``
  (a user id) is written in decimal, so ``42`` and ``"42"`` hash alike.
- The 64-bit hash of a key is the first 8 bytes of its BLAKE2s-256 digest (RFC 7693, from
  :mod:`hashlib`), read big-endian. It is stable across processes, machines and Python
  versions, unlike the built-in :func:`hash`, which is salted per process (PYTHONHASHSEED).
  BLAKE2s rather than BLAKE2b: on keys of a few dozen bytes it is the faster of the two
  (one 64-byte block instead of one 128-byte block), and 64 bits of it are as good.
  Big-endian means the digest's bytes sort in the same order as the integers, which lets the
  ring compare digests without converting them.

Examples:
    >>> hash64("user:42") == hash64(b"user:42")
    True
    >>> hash64(42) == hash64("42")
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import blake2s

from week4.errors import ParameterError
from week4.sharding.strategies.base import Key

MASK64 = (1 << 64) - 1


def key_bytes(key: Key) -> bytes:
    """The bytes that ``key`` is hashed from.

    Raises:
        ParameterError: An empty key, a negative integer, or a key of another type.
    """
    if isinstance(key, str):
        data = key.encode("utf-8", "surrogatepass")
    elif isinstance(key, bytes):
        data = key
    elif isinstance(key, int) and not isinstance(key, bool):
        if key < 0:
            raise ParameterError(f"key must be a non-negative integer, got {key}")
        return str(key).encode("ascii")
    else:
        raise ParameterError(f"key must be str, bytes or int, got {type(key).__name__}")
    if not data:
        raise ParameterError("key must not be empty")
    return data


def digest8(key: Key) -> bytes:
    """The 8 bytes of ``key``'s hash (big-endian; see the module docstring)."""
    return blake2s(key_bytes(key)).digest()[:8]


def hash64(key: Key) -> int:
    """The stable 64-bit hash of ``key``: an integer in ``[0, 2**64)``."""
    return int.from_bytes(blake2s(key_bytes(key)).digest()[:8], "big")


def hash_name(name: str, salt: str = "") -> int:
    """The stable 64-bit hash of a shard name (with an optional salt, e.g. a replica)."""
    return int.from_bytes(blake2s(f"{name}{salt}".encode()).digest()[:8], "big")


def digests(keys: Sequence[Key]) -> bytes:
    """The 8-byte hashes of ``keys`` concatenated, ready for ``numpy.frombuffer('>u8')``."""
    return b"".join([blake2s(data).digest()[:8] for data in encoded(keys)])


def encoded(keys: Sequence[Key]) -> list[bytes]:
    """:func:`key_bytes` of every key, with a fast path for non-empty ``str`` keys."""
    if set(map(type, keys)) <= {str} and all(keys):
        try:
            return [k.encode() for k in keys]  # type: ignore[union-attr]
        except UnicodeEncodeError:  # lone surrogates: key_bytes encodes them
            pass
    return [key_bytes(k) for k in keys]


def mix64(value: int) -> int:
    """MurmurHash3's 64-bit finaliser (fmix64, Austin Appleby): a bijection of 64-bit ints.

    Used to derive one independent-looking hash per (key, shard) pair from the key's hash
    and the shard's, as rendezvous hashing needs, without hashing the key bytes again.
    """
    value &= MASK64
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & MASK64
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & MASK64
    value ^= value >> 33
    return value
