"""Small statistics helpers shared by the chapters (pure Python, deterministic)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0-100) of ``values``; NaN for no values.

    Nearest rank returns an observed value (no interpolation), as HdrHistogram and most
    latency dashboards do, so a p99 on a page is a latency some request really saw.

    Examples:
        >>> percentile([1, 2, 3, 4], 50)
        2
    """
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, got {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when ``whole`` is zero."""
    return part / whole if whole else 0.0
