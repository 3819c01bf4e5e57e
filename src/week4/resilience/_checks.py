"""Validation of constructor arguments, failing with one-line ``ParameterError`` messages.

Every message names the parameter, the value given and the allowed range, so a CLI can
print it as is. NaN is refused everywhere; infinity only where a parameter says so (a cap
or a deadline of ``inf`` means "none").
"""

from __future__ import annotations

import math

from week4.errors import ParameterError


def number(
    name: str,
    value: float,
    *,
    minimum: float = 0.0,
    strict: bool = False,
    allow_inf: bool = False,
) -> float:
    """``value`` as a float, checked to be ``>= minimum`` (``> minimum`` when ``strict``).

    Examples:
        >>> number("delay", 2)
        2.0
        >>> number("delay", -1)
        Traceback (most recent call last):
        ...
        week4.errors.ParameterError: invalid delay -1: expected a number >= 0
    """
    relation = ">" if strict else ">="
    allowed = f"a number {relation} {minimum:g}" + (" (inf allowed)" if allow_inf else "")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"invalid {name} {value!r}: expected {allowed}")
    result = float(value)
    too_small = result <= minimum if strict else result < minimum
    if math.isnan(result) or too_small or (math.isinf(result) and not allow_inf):
        raise ParameterError(f"invalid {name} {value!r}: expected {allowed}")
    return result


def whole(name: str, value: int, *, minimum: int = 1) -> int:
    """``value`` checked to be an ``int`` (not a bool) ``>= minimum``.

    Examples:
        >>> whole("max_attempts", 0)
        Traceback (most recent call last):
        ...
        week4.errors.ParameterError: invalid max_attempts 0: expected an integer >= 1
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParameterError(f"invalid {name} {value!r}: expected an integer >= {minimum}")
    return value


def rate(name: str, value: float) -> float:
    """A rate in ``(0, 1]`` (a threshold of 0 would trip on no failure at all).

    Examples:
        >>> rate("failure_rate_threshold", 1.5)
        Traceback (most recent call last):
        ...
        week4.errors.ParameterError: invalid failure_rate_threshold 1.5: expected a rate in (0, 1]
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or not 0 < value <= 1
    ):
        raise ParameterError(f"invalid {name} {value!r}: expected a rate in (0, 1]")
    return float(value)


def choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` checked to be one of ``choices``."""
    if value not in choices:
        raise ParameterError(f"invalid {name} {value!r}: expected one of {', '.join(choices)}")
    return value
