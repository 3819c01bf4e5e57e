"""How long a projection lags behind the write side: three delay distributions.

The lag of an asynchronous projection is the time from an append to the moment the read
model has applied it. In production it is the subscription's poll interval, its batch, the
network and the projector's own queue; here it is a delay drawn per event from one of three
distributions with the same mean: ``constant`` (every event lags the same), ``exponential``
(most events are quick, some are slow) and ``long-tail`` (a Pareto tail with shape 1.5: rare
events lag many times the mean, as a GC pause or a rebalancing consumer does).

Sources: Bailis et al., *Probabilistically Bounded Staleness* (VLDB 2012) for measuring
staleness as a distribution; Dean & Barroso, *The Tail at Scale* (CACM 2013) for tails.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.errors import Week4Error
from week4.sim.latency import Constant, Exponential, Latency

LAG_KINDS = ("constant", "exponential", "long-tail")
"""The lag distributions the staleness lab offers, in the order pages show them."""

PARETO_SHAPE = 1.5
"""The long tail's shape: its p99 is about 7 times its mean."""


@dataclass(frozen=True)
class Pareto:
    """A Pareto delay with the given mean (shape :data:`PARETO_SHAPE`): a long tail.

    Attributes:
        mean: The mean delay in ms (> 0).
    """

    mean: float

    def __post_init__(self) -> None:
        if not self.mean > 0:
            raise Week4Error(f"mean must be > 0, got {self.mean}")

    def sample(self, rng: random.Random) -> float:
        """Return one delay: the scale times a Pareto draw (>= the scale)."""
        scale = self.mean * (PARETO_SHAPE - 1) / PARETO_SHAPE
        return scale * rng.paretovariate(PARETO_SHAPE)

    def __str__(self) -> str:
        return f"long tail (Pareto 1.5), mean {self.mean:g} ms"


def lag_distribution(kind: str, mean_ms: float) -> Latency:
    """The delay distribution named ``kind`` with mean ``mean_ms`` (0 means no lag at all).

    Examples:
        >>> str(lag_distribution("exponential", 20.0))
        '0 ms + exponential mean 20 ms'
        >>> lag_distribution("long-tail", 0.0)
        Constant(ms=0.0)
    """
    if kind not in LAG_KINDS:
        raise Week4Error(f"unknown lag {kind!r}: expected one of {', '.join(LAG_KINDS)}")
    if mean_ms < 0:
        raise Week4Error(f"lag mean must be >= 0 ms, got {mean_ms}")
    if kind == "constant" or mean_ms == 0:
        return Constant(float(mean_ms))
    if kind == "exponential":
        return Exponential(float(mean_ms))
    return Pareto(float(mean_ms))
