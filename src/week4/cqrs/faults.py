"""Crash hooks: callables that raise :class:`~week4.cqrs.errors.SimulatedCrash` between steps.

The write side, the projections and the relay call a hook between their steps; raising
there kills the "process" at that point.

Every hook takes one argument, the place it is called from: a step's name (``"after-commit"``)
for the units of work and the outbox services, a :class:`RecordedEvent` for projections.
Randomness is injected (a seeded ``random.Random``), so a run is reproducible.

Examples:
    >>> import random
    >>> crashes = RandomCrashes(random.Random(1), 0.5, limit=2)
    >>> outcomes = []
    >>> for step in range(6):
    ...     try:
    ...         crashes(f"step-{step}")
    ...         outcomes.append("ok")
    ...     except SimulatedCrash as crash:
    ...         outcomes.append(crash.point)
    >>> outcomes, crashes.count
    (['step-0', 'ok', 'ok', 'step-3', 'ok', 'ok'], 2)
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection

from week4.cqrs.errors import SimulatedCrash
from week4.errors import ParameterError


def _where(place: object) -> str:
    position = getattr(place, "position", None)
    return f"event {position}" if isinstance(position, int) else str(place)


class RandomCrashes:
    """Crash with ``probability`` at each call, at most ``limit`` times.

    Args:
        rng: The seeded random stream (one draw per call while crashes remain).
        probability: From 0 to 1.
        limit: The most crashes to cause (None: no limit).

    Attributes:
        count: Crashes caused so far.
        points: Where each crash happened, in order.
    """

    def __init__(self, rng: random.Random, probability: float, limit: int | None = None) -> None:
        number = isinstance(probability, int | float) and not isinstance(probability, bool)
        if not number or not math.isfinite(probability) or not 0 <= probability <= 1:
            raise ParameterError(f"crash probability must be from 0 to 1, got {probability!r}")
        bad_limit = isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        if limit is not None and bad_limit:
            raise ParameterError(f"crash limit must be None or an int >= 0, got {limit!r}")
        self.rng = rng
        self.probability = probability
        self.limit = limit
        self.count = 0
        self.points: list[str] = []

    def __call__(self, place: object) -> None:
        """Maybe crash here."""
        if self.limit is not None and self.count >= self.limit:
            return
        if self.rng.random() < self.probability:
            self.count += 1
            point = _where(place)
            self.points.append(point)
            raise SimulatedCrash(point)


class CrashOnceAt:
    """Crash the first time each of ``places`` is reached (step names or event positions).

    Examples:
        >>> hook = CrashOnceAt({"after-commit"})
        >>> hook("before-commit")
        >>> hook("after-commit")
        Traceback (most recent call last):
        ...
        week4.cqrs.errors.SimulatedCrash: simulated crash at after-commit
        >>> hook("after-commit")
    """

    def __init__(self, places: Collection[str | int]) -> None:
        self.pending = set(places)

    def __call__(self, place: object) -> None:
        """Crash if ``place`` (or its event position) is still pending."""
        key = getattr(place, "position", place)
        if key in self.pending:
            self.pending.discard(key)
            raise SimulatedCrash(_where(place))
