"""Crash hooks: seeded, bounded, and naming where they struck."""

from __future__ import annotations

import random

import pytest

from week4.cqrs import CrashOnceAt, RandomCrashes, SimulatedCrash
from week4.errors import ParameterError
from week4.event_sourcing import RecordedEvent


def event(position: int) -> RecordedEvent:
    return RecordedEvent("acc", 1, position, "Deposited", {}, {}, 0.0)


def outcomes(hook: RandomCrashes, calls: int) -> list[str]:
    seen = []
    for i in range(calls):
        try:
            hook(f"step-{i}")
            seen.append("ok")
        except SimulatedCrash as crash:
            seen.append(crash.point)
    return seen


def test_random_crashes_are_the_same_for_the_same_seed() -> None:
    first = outcomes(RandomCrashes(random.Random(3), 0.3), 50)
    assert first == outcomes(RandomCrashes(random.Random(3), 0.3), 50)
    assert 0 < first.count("ok") < 50


def test_random_crashes_stop_at_their_limit() -> None:
    hook = RandomCrashes(random.Random(3), 1.0, limit=4)
    assert outcomes(hook, 10) == [f"step-{i}" for i in range(4)] + ["ok"] * 6
    assert (hook.count, hook.points) == (4, [f"step-{i}" for i in range(4)])


def test_a_projection_crash_names_the_event_position() -> None:
    with pytest.raises(SimulatedCrash, match="simulated crash at event 7"):
        RandomCrashes(random.Random(1), 1.0)(event(7))


def test_crash_once_at_strikes_each_place_once_steps_or_positions() -> None:
    hook = CrashOnceAt({"after-commit", 3})
    hook(event(2))
    with pytest.raises(SimulatedCrash, match="event 3"):
        hook(event(3))
    hook(event(3))
    with pytest.raises(SimulatedCrash, match="after-commit"):
        hook("after-commit")
    hook("after-commit")
    assert hook.pending == set()


@pytest.mark.parametrize(
    ("probability", "limit", "message"),
    [
        (-0.1, None, "crash probability must be from 0 to 1"),
        (1.5, None, "crash probability must be from 0 to 1"),
        (float("nan"), None, "crash probability must be from 0 to 1"),
        (True, None, "crash probability must be from 0 to 1"),
        (0.5, -1, "crash limit must be None or an int >= 0"),
        (0.5, 2.0, "crash limit must be None or an int >= 0"),
    ],
)
def test_bad_crash_parameters_are_refused(
    probability: float, limit: int | None, message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        RandomCrashes(random.Random(1), probability, limit)
