"""The controls of an explorable figure, and the keys that name each setting of them.

A control lists the values the page was built for; :func:`setting_key` joins one value per
control into the key under which :func:`week4.render.explorable.explorable` stores a view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from week4.errors import Week4Error

#: A control's value: what the simulation was run with.
Value = int | float | str | bool
#: How a control is drawn: a slider, a drop-down list, or a checkbox.
Kind = Literal["range", "select", "toggle"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def setting_key(*values: Value) -> str:
    """The key of one setting of the controls: their values, formatted, joined by ``|``.

    Numbers use the shortest general format (``0.1``, ``20``), booleans are ``true`` or
    ``false``, so ``week4.basics.figures.sweeps.lossy_link_grid``'s keys (``"0.1|20"``) match.

    Examples:
        >>> setting_key(0.1, 20.0)
        '0.1|20'
        >>> setting_key("modulo", True)
        'modulo|true'
    """
    return "|".join(key_part(v) for v in values)


def key_part(value: Value) -> str:
    """How one value is written in a setting key (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if "|" in value:
        raise Week4Error(f"control values cannot contain '|', got {value!r}")
    return value


@dataclass(frozen=True)
class Control:
    """One control of an explorable figure: a name, a label and the values it offers.

    Build one with [`Control.slider`][week4.render.explorable.Control.slider],
    [`Control.select`][week4.render.explorable.Control.select] or
    [`Control.toggle`][week4.render.explorable.Control.toggle].

    Attributes:
        name: A short identifier (letters, digits, ``_``, ``-``), unique in its figure.
        label: The visible label, read out by screen readers.
        values: The values, in the order the control offers them.
        kind: ``"range"`` (a slider over the values' positions), ``"select"`` or ``"toggle"``.
        default: The value shown first (the first value when omitted).
        unit: Appended to numbers when shown (``"ms"``).
    """

    name: str
    label: str
    values: tuple[Value, ...]
    kind: Kind = "range"
    default: Value | None = None
    unit: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise Week4Error(f"control name must be letters, digits, '_' or '-', got {self.name!r}")
        if not self.values:
            raise Week4Error(f"control {self.name!r} needs at least one value")
        keys = [key_part(v) for v in self.values]
        if len(set(keys)) != len(keys):
            raise Week4Error(f"control {self.name!r} has duplicate values: {list(self.values)}")
        if self.kind == "toggle" and self.values != (False, True):
            raise Week4Error(f"toggle {self.name!r} must have the values (False, True)")
        if self.default is not None and key_part(self.default) not in keys:
            raise Week4Error(
                f"default of control {self.name!r} must be one of {list(self.values)}, "
                f"got {self.default!r}"
            )

    @classmethod
    def slider(
        cls,
        name: str,
        label: str,
        values: Sequence[Value],
        *,
        default: Value | None = None,
        unit: str = "",
    ) -> Control:
        """A slider that steps through ``values`` in order (they need not be evenly spaced)."""
        return cls(name, label, tuple(values), "range", default, unit)

    @classmethod
    def select(
        cls,
        name: str,
        label: str,
        values: Sequence[Value],
        *,
        default: Value | None = None,
        unit: str = "",
    ) -> Control:
        """A drop-down list of ``values``."""
        return cls(name, label, tuple(values), "select", default, unit)

    @classmethod
    def toggle(cls, name: str, label: str, *, default: bool = False) -> Control:
        """A checkbox: its values are ``False`` (unchecked) and ``True`` (checked)."""
        return cls(name, label, (False, True), "toggle", default)

    @property
    def default_index(self) -> int:
        """The position of the default value in ``values``."""
        if self.default is None:
            return 0
        return [key_part(v) for v in self.values].index(key_part(self.default))

    def text(self, value: Value) -> str:
        """A value as the reader sees it: ``0.1``, ``20 ms``, ``on``."""
        if isinstance(value, bool):
            return "on" if value else "off"
        shown = key_part(value)
        return f"{shown} {self.unit}" if self.unit else shown
