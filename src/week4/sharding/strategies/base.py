"""The protocol every sharding strategy implements, and the checks they share.

A strategy maps a key to one shard name. It is immutable: :meth:`Strategy.with_shards`
returns the same scheme over another set of shards (some added, some removed), which is how
the chapter measures the keys that move when a cluster grows or shrinks.

Keys are ``str``, ``bytes`` or a non-negative ``int``; how each is turned into bytes and
hashed is decided in one place, :mod:`week4.sharding.strategies.keys`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from week4.errors import ParameterError

MAX_SHARDS = 16384
"""The most shards a strategy takes: Redis Cluster's slot count, and far above its advice."""

MAX_WEIGHT = 1e6
"""The largest weight a shard may have (weights are relative; this keeps sums finite)."""

Key = str | bytes | int
"""What a strategy routes: a string, bytes, or a non-negative integer (a user id)."""


class Strategy(Protocol):
    """A scheme that routes every key to exactly one of its shards.

    Attributes:
        name: The scheme: ``"modulo"``, ``"range"``, ``"ring"``, ``"rendezvous"``,
            ``"jump"``, ``"maglev"`` or ``"slots"``.
    """

    name: str

    @property
    def shards(self) -> tuple[str, ...]:
        """The shard names, in the order the strategy was given them."""
        ...

    def shard_for(self, key: Key) -> str:
        """The shard that owns ``key``."""
        ...

    def with_shards(self, shards: Sequence[str]) -> Strategy:
        """The same scheme (same options) over another set of shards."""
        ...


def check_shards(shards: Sequence[str]) -> tuple[str, ...]:
    """``shards`` as a tuple, or a one-line :class:`ParameterError`.

    Raises:
        ParameterError: No shards, a name that is not a non-empty string, or a duplicate.
    """
    if isinstance(shards, str):
        raise ParameterError("shards must be a sequence of shard names, not one string")
    names = tuple(shards)
    if not 1 <= len(names) <= MAX_SHARDS:
        raise ParameterError(f"shards must name 1 to {MAX_SHARDS} shards, got {len(names)}")
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name:
            raise ParameterError(f"shards must be non-empty strings, got {name!r}")
        if name in seen:
            raise ParameterError(f"shards must be distinct, {name!r} appears twice")
        seen.add(name)
    return names


def shard_names(count: int, prefix: str = "s") -> tuple[str, ...]:
    """``count`` shard names ``s0, s1, ...``.

    Raises:
        ParameterError: ``count`` is not an integer of at least 1.

    Examples:
        >>> shard_names(3)
        ('s0', 's1', 's2')
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_SHARDS:
        raise ParameterError(f"shard count must be an integer in [1, {MAX_SHARDS}], got {count!r}")
    return tuple(f"{prefix}{i}" for i in range(count))


def check_weights(shards: Sequence[str], weights: Mapping[str, float] | None) -> tuple[float, ...]:
    """One positive, finite weight per shard (1.0 where ``weights`` does not say).

    Raises:
        ParameterError: A weight that is not a positive finite number, or one for an unknown
            shard.
    """
    given = dict(weights or {})
    unknown = sorted(set(given) - set(shards))
    if unknown:
        raise ParameterError(f"weights names unknown shards: {', '.join(map(str, unknown))}")
    result = []
    for shard in shards:
        weight = given.get(shard, 1.0)
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not math.isfinite(weight)
            or not 0 < weight <= MAX_WEIGHT
        ):
            raise ParameterError(
                f"weights must be positive finite numbers up to {MAX_WEIGHT:g}, "
                f"got {weight!r} for {shard!r}"
            )
        result.append(float(weight))
    return tuple(result)


def kept_weights(
    old: Sequence[str], weights: Sequence[float], new: Sequence[str]
) -> dict[str, float]:
    """The weights of ``old`` that still apply to the shards in ``new`` (new shards: 1.0)."""
    keep = set(new)
    return {shard: w for shard, w in zip(old, weights, strict=True) if shard in keep}
