"""Wait strategies: how long to sleep before the next attempt.

A wait is a small callable ``wait(attempt, previous, rng) -> float``: ``attempt`` is 1 for
the delay after the first failed attempt, ``previous`` the delay returned last time (0.0 at
first), ``rng`` the ``random.Random`` the caller owns (never module-level randomness), so a
schedule is exact under a seed. Delays are in the caller's clock unit.

The jittered strategies follow Marc Brooker's "Exponential Backoff and Jitter" (AWS
Architecture Blog, 2015, https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
with the article's ``attempt`` counted from 0 (so our first delay uses ``base * 2 ** 0``):

- exponential: ``min(cap, base * 2 ** attempt)``
- full jitter: ``random_between(0, min(cap, base * 2 ** attempt))``
- equal jitter: ``temp = min(cap, base * 2 ** attempt); temp / 2 + random_between(0, temp / 2)``
- decorrelated jitter: ``min(cap, random_between(base, sleep * 3))``, ``sleep`` starting at
  ``base``.

Waits compose: ``a + b`` adds two waits, ``w.capped(x)`` bounds one (tenacity's
``wait_a + wait_b`` is the model).

Examples:
    >>> import random
    >>> wait = Exponential(base=100.0, cap=1000.0)
    >>> [wait(n, 0.0, random.Random(1)) for n in (1, 2, 3, 4, 5)]
    [100.0, 200.0, 400.0, 800.0, 1000.0]
    >>> (Constant(10.0) + Constant(5.0)).capped(12.0)(1, 0.0, random.Random(1))
    12.0
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass

from week4.resilience._checks import number


class Wait:
    """Base of the wait strategies: call it for a delay; ``+`` and :meth:`capped` compose."""

    __slots__ = ()

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:
        """The delay before attempt ``attempt + 1`` (``attempt`` >= 1)."""
        raise NotImplementedError

    def __add__(self, other: Wait) -> Wait:
        """A wait that sleeps for the sum of both delays."""
        return WaitSum(self, other)

    def capped(self, cap: float) -> Wait:
        """This wait, never longer than ``cap``."""
        return Capped(self, cap)


_LARGEST = sys.float_info.max


def _growth(base: float, multiplier: float, attempt: int, cap: float) -> float:
    """``min(cap, base * multiplier ** (attempt - 1))``, saturating at the largest float."""
    steps = max(attempt, 1) - 1
    try:
        value = base * multiplier**steps
    except OverflowError:  # the power alone overflowed; the product may still fit
        value = _overflowed(base, multiplier, steps)
    return min(cap, value, _LARGEST)


def _overflowed(base: float, multiplier: float, steps: int) -> float:
    if base == 0:
        return 0.0
    if multiplier == 2.0:  # exact: scale the base's exponent
        try:
            return math.ldexp(base, steps)
        except OverflowError:
            return _LARGEST
    logarithm = math.log(base) + steps * math.log(multiplier)
    return _LARGEST if logarithm >= math.log(_LARGEST) else math.exp(logarithm)


@dataclass(frozen=True, slots=True)
class NoWait(Wait):
    """Retry at once (the AWS article's "no backoff" line)."""

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """Always 0."""
        return 0.0


@dataclass(frozen=True, slots=True)
class Constant(Wait):
    """The same ``delay`` before every retry."""

    delay: float

    def __post_init__(self) -> None:
        number("delay", self.delay)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """Always ``delay``."""
        return self.delay


@dataclass(frozen=True, slots=True)
class Exponential(Wait):
    """``min(cap, base * multiplier ** (attempt - 1))``: exponential backoff, no jitter."""

    base: float
    multiplier: float = 2.0
    cap: float = math.inf

    def __post_init__(self) -> None:
        number("base", self.base)
        number("multiplier", self.multiplier, minimum=1.0)
        number("cap", self.cap, allow_inf=True)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """The capped exponential delay."""
        return _growth(self.base, self.multiplier, attempt, self.cap)


@dataclass(frozen=True, slots=True)
class FullJitter(Wait):
    """Uniform in ``[0, min(cap, base * 2 ** (attempt - 1)))`` (the article's winner)."""

    base: float
    cap: float = math.inf

    def __post_init__(self) -> None:
        number("base", self.base)
        number("cap", self.cap, allow_inf=True)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """A uniform draw below the capped exponential delay."""
        return _growth(self.base, 2.0, attempt, self.cap) * rng.random()


@dataclass(frozen=True, slots=True)
class EqualJitter(Wait):
    """Half the capped exponential delay, plus a uniform draw over the other half."""

    base: float
    cap: float = math.inf

    def __post_init__(self) -> None:
        number("base", self.base)
        number("cap", self.cap, allow_inf=True)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """``temp / 2 + uniform(0, temp / 2)``."""
        half = _growth(self.base, 2.0, attempt, self.cap) / 2
        return half + half * rng.random()


@dataclass(frozen=True, slots=True)
class DecorrelatedJitter(Wait):
    """``min(cap, uniform(base, previous * 3))``, ``previous`` starting at ``base``.

    The delay depends on the previous one, not on the attempt number, so it needs no
    attempt counter (the article's fourth strategy).
    """

    base: float
    cap: float = math.inf

    def __post_init__(self) -> None:
        number("base", self.base)
        number("cap", self.cap, allow_inf=True)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:  # noqa: ARG002
        """A uniform draw between ``base`` and three times the previous delay, capped."""
        last = previous if previous > self.base else self.base
        high = last * 3
        return min(self.cap, self.base + (high - self.base) * rng.random())


@dataclass(frozen=True, slots=True)
class WaitSum(Wait):
    """The sum of two waits (both see the same ``attempt``, ``previous`` and ``rng``)."""

    first: Wait
    second: Wait

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:
        """``first(...) + second(...)``."""
        return self.first(attempt, previous, rng) + self.second(attempt, previous, rng)


@dataclass(frozen=True, slots=True)
class Capped(Wait):
    """A wait bounded above by ``cap``."""

    wait: Wait
    cap: float

    def __post_init__(self) -> None:
        number("cap", self.cap, allow_inf=True)

    def __call__(self, attempt: int, previous: float, rng: random.Random) -> float:
        """``min(cap, wait(...))``."""
        return min(self.cap, self.wait(attempt, previous, rng))
