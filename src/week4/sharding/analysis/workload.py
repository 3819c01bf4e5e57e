"""Key sets to measure strategies on: uniform keys and Zipf-skewed keys, from a seeded rng.

Both are generated with :class:`random.Random` only (never numpy's generator), so the same
seed gives the same keys with or without numpy, in CPython and in Pyodide.
"""

from __future__ import annotations

import math
import random
from itertools import accumulate

from week4.errors import ParameterError

MAX_KEYS = 2_000_000
"""The most keys a workload may hold (memory guard: about 100 bytes a key)."""

MAX_UNIVERSE = 1_000_000
"""The most distinct keys a Zipf workload draws from (its weights are kept in memory)."""


def check_count(count: int, name: str = "count", maximum: int = MAX_KEYS) -> int:
    """``count`` if it is an integer in ``[1, maximum]``, else a one-line error."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= maximum:
        raise ParameterError(f"{name} must be an integer in [1, {maximum}], got {count!r}")
    return count


def uniform_keys(count: int, rng: random.Random) -> list[str]:
    """``count`` keys ``user:<random 48-bit id>``: every key about as likely as any other."""
    check_count(count)
    bits = rng.getrandbits
    return [f"user:{bits(48)}" for _ in range(count)]


def zipf_weights(universe: int, exponent: float) -> list[float]:
    """The Zipf law's weights ``1 / rank**exponent`` for ranks 1..universe."""
    check_count(universe, "universe", MAX_UNIVERSE)
    if isinstance(exponent, bool) or not isinstance(exponent, int | float):
        raise ParameterError(f"exponent must be a number in [0, 5], got {exponent!r}")
    if not (math.isfinite(exponent) and 0 <= exponent <= 5):
        raise ParameterError(f"exponent must be a number in [0, 5], got {exponent!r}")
    return [rank**-exponent for rank in range(1, universe + 1)]


def zipf_keys(
    count: int, rng: random.Random, *, exponent: float = 1.1, universe: int = 100_000
) -> list[str]:
    """``count`` requests over ``universe`` keys ``item:<rank>``, key k with odds ``1/k**s``.

    Zipf's law models popularity: a handful of items take most requests (Breslau et al.,
    *Web Caching and Zipf-like Distributions*, INFOCOM 1999, measured exponents near 1).
    """
    check_count(count)
    cumulative = list(accumulate(zipf_weights(universe, exponent)))
    ranks = rng.choices(range(1, universe + 1), cum_weights=cumulative, k=count)
    return [f"item:{rank}" for rank in ranks]


def zipf_top_share(universe: int, exponent: float) -> float:
    """The share of requests the most popular key gets under the Zipf law (exact)."""
    weights = zipf_weights(universe, exponent)
    return weights[0] / math.fsum(weights)
