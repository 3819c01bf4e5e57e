"""Latency distributions for network links, each sampled from an injected random stream.

All values are milliseconds of virtual time. Samples are never negative.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Protocol

from week4.errors import Week4Error


class Latency(Protocol):
    """Anything that draws a one-way delay (ms) from a random stream."""

    def sample(self, rng: random.Random) -> float:
        """Return one delay in milliseconds (>= 0)."""
        ...


def _check(name: str, value: float, low: float = 0.0) -> None:
    if value < low:
        raise Week4Error(f"{name} must be >= {low}, got {value}")


@dataclass(frozen=True)
class Constant:
    """The same delay every time."""

    ms: float

    def __post_init__(self) -> None:
        _check("ms", self.ms)

    def sample(self, rng: random.Random) -> float:  # noqa: ARG002 - part of the protocol
        """Return the fixed delay."""
        return self.ms

    def __str__(self) -> str:
        return f"constant {self.ms:g} ms"


@dataclass(frozen=True)
class Uniform:
    """A delay drawn uniformly between ``low`` and ``high``."""

    low: float
    high: float

    def __post_init__(self) -> None:
        _check("low", self.low)
        _check("high", self.high, self.low)

    def sample(self, rng: random.Random) -> float:
        """Return a uniform draw."""
        return rng.uniform(self.low, self.high)

    def __str__(self) -> str:
        return f"uniform {self.low:g}-{self.high:g} ms"


@dataclass(frozen=True)
class Exponential:
    """A fixed floor plus an exponential tail with the given mean (a common WAN model)."""

    mean: float
    floor: float = 0.0

    def __post_init__(self) -> None:
        _check("floor", self.floor)
        if self.mean <= 0:
            raise Week4Error(f"mean must be > 0, got {self.mean}")

    def sample(self, rng: random.Random) -> float:
        """Return floor + an exponential draw."""
        return self.floor + rng.expovariate(1.0 / self.mean)

    def __str__(self) -> str:
        return f"{self.floor:g} ms + exponential mean {self.mean:g} ms"


@dataclass(frozen=True)
class Normal:
    """A normal draw clipped at ``floor`` (latency cannot be negative)."""

    mean: float
    stddev: float
    floor: float = 0.0

    def __post_init__(self) -> None:
        _check("mean", self.mean)
        _check("stddev", self.stddev)
        _check("floor", self.floor)

    def sample(self, rng: random.Random) -> float:
        """Return max(floor, a normal draw)."""
        return max(self.floor, rng.gauss(self.mean, self.stddev))

    def __str__(self) -> str:
        return f"normal {self.mean:g}±{self.stddev:g} ms"
