"""Just enough EDN (Clojure's data notation) to read Jepsen history lines.

Jepsen writes histories as EDN maps, one per line (``{:process 0, :type :invoke, :f :read,
:value nil}``) and logs values in EDN (``[3 0]``, ``nil``, ``:timed-out``). This reads nil,
booleans, integers, floats, strings, keywords, vectors, lists and maps; commas are whitespace
(see the EDN specification, github.com/edn-format/edn).
"""

from __future__ import annotations

import re

from week4.errors import Week4Error


class EdnError(Week4Error):
    """Text that is not the EDN this reader understands."""


class Keyword(str):
    """An EDN keyword such as ``:ok``, held without its colon (``Keyword("ok")``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f":{self}"


_TOKEN = re.compile(
    r"""[\s,]*(?:
        (?P<open>[\[\({])|(?P<close>[\]\)}])
        |"(?P<str>(?:[^"\\]|\\.)*)"
        |(?P<num>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=[\s,\[\](){}]|$)
        |:(?P<kw>[^\s,\[\](){}"]+)
        |(?P<sym>[^\s,\[\](){}"]+)
    )""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_SYMBOLS: dict[str, object] = {"nil": None, "true": True, "false": False}
_CLOSE = {"[": "]", "(": ")", "{": "}"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


_FLAT_ENTRY = re.compile(
    r"""[\s,]*:([^\s,\[\](){}"]+)[\s,]+("(?:[^"\\]|\\.)*"|:[^\s,\[\](){}"]+|-?\d+|nil|true|false)"""
)


def _atom(token: str) -> object:
    if token[0] == '"':
        return _unescape(token[1:-1]) if "\\" in token else token[1:-1]
    if token[0] == ":":
        return Keyword(token[1:])
    return _SYMBOLS[token] if token in _SYMBOLS else int(token)


def read_flat_map(text: str) -> dict[object, object] | None:
    """Read a map of keywords to atoms (a Jepsen operation) fast; None if it is anything else.

    A quick path for :func:`read_edn`, which handles (and reports errors in) everything else.
    """
    text = text.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    out: dict[object, object] = {}
    pos, end = 1, len(text) - 1
    while (m := _FLAT_ENTRY.match(text, pos, end)) is not None:
        out[Keyword(m.group(1))] = _atom(m.group(2))
        pos = m.end()
    return out if not text[pos:end].strip(" \t\r\n,") else None


def read_edn(text: str) -> object:
    """Read exactly one EDN value from ``text``.

    Vectors and lists become tuples, maps dicts, keywords :class:`Keyword`, nil None.

    Raises:
        EdnError: The text is not one EDN value.
    """
    value, pos = _read(text, 0)
    if text[pos:].strip(" \t\r\n,"):
        raise EdnError(f"unexpected text after the value: {text[pos:].strip()[:20]!r}")
    return value


def _read(text: str, pos: int) -> tuple[object, int]:
    m = _TOKEN.match(text, pos)
    if m is None or m.lastgroup is None:
        rest = text[pos:].strip(" \t\r\n,")
        raise EdnError(f"cannot read {rest[:20]!r}" if rest else "a value is missing")
    kind, token, pos = m.lastgroup, m.group(m.lastgroup), m.end()
    if kind == "str":
        return _unescape(token), pos
    if kind == "num":
        return (float(token) if any(c in token for c in ".eE") else int(token)), pos
    if kind == "kw":
        return Keyword(token), pos
    if kind == "sym":
        if token not in _SYMBOLS:
            raise EdnError(f"unknown symbol {token!r}")
        return _SYMBOLS[token], pos
    if kind == "close":
        raise EdnError(f"unexpected {token!r}")
    items: list[object] = []
    while True:
        m = _TOKEN.match(text, pos)
        if m is not None and m.lastgroup == "close":
            if m.group("close") != _CLOSE[token]:
                raise EdnError(f"{token!r} closed by {m.group('close')!r}")
            pos = m.end()
            break
        item, pos = _read(text, pos)
        items.append(item)
    if token != "{":
        return tuple(items), pos
    if len(items) % 2:
        raise EdnError("a map needs an even number of forms")
    try:
        return dict(zip(items[::2], items[1::2], strict=True)), pos
    except TypeError as exc:
        raise EdnError("a map key must be a keyword, string or number") from exc
