"""One way to write each quantity on every page: virtual time, rates, money.

Virtual time is in milliseconds with one decimal (``307.9 ms``), whatever the simulation's
precision; rates are percentages with one decimal; money is euros with two.

Examples:
    >>> ms(307.854), ms(100), percent(0.7215), euros(450000)
    ('307.9 ms', '100.0 ms', '72.2%', '4,500.00 €')
"""

from __future__ import annotations


def ms(value: float) -> str:
    """A virtual time or duration, in milliseconds with one decimal."""
    return f"{value:.1f} ms"


def percent(fraction: float) -> str:
    """A rate given as a fraction (0.25), as a percentage with one decimal (25.0%)."""
    return f"{100 * fraction:.1f}%"


def euros(cents: int) -> str:
    """An amount in cents, as euros with two decimals and thousands separators."""
    return f"{cents / 100:,.2f} €"
