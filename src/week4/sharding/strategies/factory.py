"""Build any strategy by name: ``make_strategy("ring", ["s0", "s1"], vnodes=160)``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from week4.errors import ParameterError
from week4.sharding.strategies.base import Strategy
from week4.sharding.strategies.jump import JumpStrategy
from week4.sharding.strategies.maglev import MaglevStrategy
from week4.sharding.strategies.modulo import ModuloStrategy
from week4.sharding.strategies.ranges import RangeStrategy
from week4.sharding.strategies.rendezvous import RendezvousStrategy
from week4.sharding.strategies.ring import RingStrategy
from week4.sharding.strategies.slots import SlotStrategy

STRATEGIES: dict[str, Callable[..., Strategy]] = {
    "modulo": ModuloStrategy,
    "range": RangeStrategy,
    "ring": RingStrategy,
    "rendezvous": RendezvousStrategy,
    "jump": JumpStrategy,
    "maglev": MaglevStrategy,
    "slots": SlotStrategy,
}
"""Every strategy's constructor, by its name."""


def make_strategy(name: str, shards: Sequence[str], **options: Any) -> Strategy:
    """The strategy called ``name`` over ``shards``, with its ``options`` (weights, vnodes...).

    Raises:
        ParameterError: An unknown name, bad shards or a bad option.

    Examples:
        >>> make_strategy("modulo", ["s0", "s1"]).shard_for(3)
        's1'
    """
    try:
        build = STRATEGIES[name]
    except KeyError:
        raise ParameterError(
            f"strategy must be one of {', '.join(STRATEGIES)}, got {name!r}"
        ) from None
    try:
        return build(shards, **options)
    except TypeError as error:
        raise ParameterError(f"bad option for strategy {name!r}: {error}") from None
