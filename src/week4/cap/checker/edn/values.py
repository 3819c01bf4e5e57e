"""EDN's values in Python, and equality as EDN and Clojure define it.

Python says ``1 == True == 1.0``; EDN and Clojure tell them apart, and ``:ok`` from ``"ok"``.
So every value the checker compares goes through :func:`canonical`, which tags it with its
EDN kind: two values are equal exactly when their canonical forms are. As in Clojure, a
vector equals a list with the same elements, ``0.0`` equals ``-0.0``, ``1N`` equals ``1``;
``##NaN`` equals itself (Java's ``.equals``), so a history that writes NaN can be judged.
The reader (:mod:`.reader`) returns None, bool, int, float, Decimal (``1.5M``), str,
:class:`Keyword`, :class:`Symbol`, :class:`Char`, tuples (vectors, lists), :class:`EdnSet`,
:class:`EdnMap` and :class:`Tagged` (``#inst``, ``#uuid``, ``#jepsen.history.Op{...}``).
See the EDN specification, github.com/edn-format/edn.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from week4.cap.checker.errors import HistoryError


@dataclass(frozen=True, slots=True)
class Keyword:
    """An EDN keyword such as ``:ok`` (``Keyword("ok")``); never equal to a string."""

    name: str

    def __repr__(self) -> str:
        return f":{self.name}"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Symbol:
    """An EDN symbol other than nil, true and false (``foo``, ``jepsen.history/Op``)."""

    name: str

    def __repr__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Char:
    r"""An EDN character (``\a``, ``\newline``); never equal to a one-letter string."""

    char: str

    def __repr__(self) -> str:
        return "\\" + self.char


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tagged element ``#tag value`` the reader has no special meaning for."""

    tag: str
    value: object

    def __repr__(self) -> str:
        return f"#{self.tag} {show_edn(self.value)}"


class EdnSet:
    """An EDN set ``#{...}``, compared by EDN equality, so ``#{1 true}`` has two elements.

    Args:
        items: The elements in the order written.

    Raises:
        HistoryError: An element occurs twice (EDN forbids it) or cannot be compared.
    """

    __slots__ = ("_keys", "items")

    def __init__(self, items: Iterable[object] = ()) -> None:
        self.items = tuple(items)
        self._keys = frozenset(canonical(v) for v in self.items)
        if len(self._keys) != len(self.items):
            raise HistoryError("a set has the same element twice")

    def __contains__(self, value: object) -> bool:
        return canonical(value) in self._keys

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EdnSet) and self._keys == other._keys

    def __hash__(self) -> int:
        return hash(self._keys)

    def __repr__(self) -> str:
        return show_edn(self)


class EdnMap(Mapping[object, object]):
    """An EDN map: looked up by EDN equality, so ``{1 a, true b}`` keeps both keys.

    Args:
        pairs: The entries in the order written.

    Raises:
        HistoryError: A key occurs twice (EDN forbids it; the message shows the key).
    """

    __slots__ = ("_index", "_pairs")

    def __init__(self, pairs: Iterable[tuple[object, object]] = ()) -> None:
        self._pairs = tuple(pairs)
        self._index: dict[Hashable, object] = {}
        for key, value in self._pairs:
            ckey = canonical(key)
            if ckey in self._index:
                raise HistoryError(f"a map has the key {show_edn(key)} twice")
            self._index[ckey] = value

    def __getitem__(self, key: object) -> object:
        return self._index[canonical(key)]

    def get_canonical(self, ckey: Hashable) -> object:
        """The value of the key whose :func:`canonical` form is ``ckey`` (None if absent)."""
        return self._index.get(ckey)

    def __iter__(self) -> Iterator[object]:
        return (key for key, _ in self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and canonical(self) == canonical(other)

    def __hash__(self) -> int:
        return hash(canonical(self))

    def __repr__(self) -> str:
        return show_edn(self)


def canonical(value: object) -> Hashable:
    """``value`` as a hashable, kind-tagged form: equal exactly when EDN says equal.

    Raises:
        HistoryError: The value is neither EDN nor hashable (e.g. a Python object with no
            equality), or nested too deeply to compare.
    """
    kind = type(value)
    if kind is int or kind is str:  # the common cases, first
        return ("int" if kind is int else "str", value)
    if kind is Keyword:
        return ("Keyword", value.name)  # type: ignore[attr-defined]
    try:
        return _canonical(value)
    except RecursionError:
        raise HistoryError("a value is nested too deeply to compare") from None


def _canonical(value: object) -> Hashable:
    if value is None or isinstance(value, bool):
        return ("nil",) if value is None else ("bool", value)
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", "nan") if math.isnan(value) else ("float", value)
    if isinstance(value, Decimal):
        return ("decimal", value.normalize() if value.is_finite() else str(value))
    if isinstance(value, str):
        return ("str", str(value))
    if isinstance(value, Keyword):
        return ("Keyword", value.name)
    if isinstance(value, Symbol | Char):
        return (type(value).__name__, *(getattr(value, s) for s in value.__slots__))
    if isinstance(value, tuple | list):
        return ("seq", *(_canonical(v) for v in value))
    if isinstance(value, EdnSet | set | frozenset):
        return ("set", frozenset(_canonical(v) for v in value))
    if isinstance(value, Mapping):
        return ("map", frozenset((_canonical(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, Tagged):
        return ("tagged", value.tag, _canonical(value.value))
    try:
        hash(value)
    except TypeError:
        raise HistoryError(
            f"a value of type {type(value).__name__} cannot be compared (not hashable)"
        ) from None
    return ("python", type(value).__qualname__, value)


def same(a: object, b: object) -> bool:
    """EDN equality: ``same(1, True)``, ``same(1, 1.0)`` and ``same(1, "1")`` are all False."""
    if a is b:
        return True
    if type(a) is type(b) and type(a) in (int, str):
        return a == b
    return canonical(a) == canonical(b)


_ESCAPE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(text: str) -> str:
    """A string as an EDN literal: quotes, and every control or line-breaking character escaped."""
    return '"' + "".join(_ESCAPE.get(c) or _escaped(c) for c in text) + '"'


def _escaped(c: str) -> str:
    odd = c < " " or c == "\x7f" or c in "\x85\u2028\u2029" or "\ud800" <= c <= "\udfff"
    return f"\\u{ord(c):04x}" if odd else c


def show_edn(value: object) -> str:
    """A value written back as EDN (one line): ``nil``, ``"s"``, ``[1 2]``, ``{:a 1}``."""
    try:
        return _show(value)
    except RecursionError:
        return "…"


def _show(value: object) -> str:
    if value is None or isinstance(value, bool):
        return "nil" if value is None else ("true" if value else "false")
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, tuple | list):
        return "[" + " ".join(_show(v) for v in value) + "]"
    if isinstance(value, EdnSet):
        return "#{" + " ".join(_show(v) for v in value.items) + "}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_show(k)} {_show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Decimal):
        return f"{value}M"
    if isinstance(value, float) and not math.isfinite(value):
        return "##NaN" if math.isnan(value) else ("##Inf" if value > 0 else "##-Inf")
    if isinstance(value, Tagged):
        return f"#{value.tag} {_show(value.value)}"
    if isinstance(value, Keyword | Symbol | Char | int | float):
        return repr(value)
    return quote(repr(value))[1:-1]
