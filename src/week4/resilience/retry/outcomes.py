"""What the retry loop reads from an outcome, and what it tells its listener."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryScheduled:
    """An attempt failed and another will follow after ``delay`` clock units."""

    attempt: int
    delay: float
    error: BaseException | None
    result: object


def retry_after_of(outcome: object) -> float | None:
    """The ``retry_after`` an exception or result carries (a number), or None."""
    value = getattr(outcome, "retry_after", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
