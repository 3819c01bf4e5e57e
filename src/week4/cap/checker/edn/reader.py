"""An EDN reader: whole values, or the elements of a top-level collection one at a time.

It reads everything in the EDN specification (github.com/edn-format/edn): nil, true, false,
strings with their escapes, characters, integers (``N``), floats (``M`` gives a
:class:`~decimal.Decimal`; ``##Inf``, ``##-Inf``, ``##NaN``), keywords, symbols, lists,
vectors, maps, sets, tagged elements (``#inst``, ``#uuid``, record literals such as
``#jepsen.history.Op{...}``), the discard ``#_`` and comments. What EDN forbids is refused:
a map with a key twice, a set with an element twice.

Limits keep a hostile file from costing more than its size: nesting at most
:data:`MAX_DEPTH` levels (no recursion, so no RecursionError), integers of at most
:data:`MAX_DIGITS` digits (CPython's own limit for converting text to int), tokens of at most
:data:`~week4.cap.checker.edn.lexer.MAX_TOKEN` characters. Every error is an
:class:`~week4.cap.checker.edn.lexer.EdnError` whose message starts with the line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from week4.cap.checker.edn.atoms import MAX_DIGITS, atom, flat_atom
from week4.cap.checker.edn.lexer import EdnError, Lexer, Token, lines_of, located
from week4.cap.checker.edn.values import EdnMap, EdnSet, Tagged
from week4.cap.checker.errors import HistoryError

#: The deepest nesting of collections (and tags) accepted.
MAX_DEPTH = 100
_CLOSERS = {"[": "]", "(": ")", "{": "}", "#{": "}"}
_NONE = object()  # no value read yet
#: What :meth:`EdnReader.read` returns at the end of the text, or of the collection streamed.
END = object()


class EdnReader:
    """Reads EDN values from text that arrives in chunks (see :class:`Lexer`).

    Args:
        chunks: The text, in pieces.
    """

    def __init__(self, chunks: Iterable[str]) -> None:
        self._lexer = Lexer(chunks)
        self._stack: list[list[Any]] = []  # frames: [opener, items, line, column]
        self.line = 1
        self.column = 1

    def read(self, bottom: int = 0) -> object:
        """The next value at depth ``bottom`` (0: top level), or :data:`END`.

        Raises:
            EdnError: The text is not EDN.
        """
        stack = self._stack
        while True:
            kind, text, line, col = self._lexer.next()
            value: object = _NONE
            if kind == "eof":
                if stack:
                    opener, _, at_line, at_col = stack[-1]
                    if opener not in _CLOSERS:
                        raise located(at_line, at_col, f"{opener!r} needs a value after it")
                    raise located(at_line, at_col, f"{opener!r} is never closed")
                return END
            if kind == "open" and text == "{":
                pairs = self._lexer.flat_map_body()
                if pairs is not None:  # the common case in a history: a flat map, read fast
                    if len(stack) == bottom:
                        self.line, self.column = line, col
                    value = _flat_map(pairs, line, col)
            if kind in ("open", "tag", "discard") and value is _NONE:
                if len(stack) >= MAX_DEPTH:
                    raise located(line, col, f"nested deeper than {MAX_DEPTH} levels")
                stack.append([text, [], line, col])
                if len(stack) == bottom + 1:
                    self.line, self.column = line, col
                continue
            if value is not _NONE:
                pass
            elif kind == "close":
                if not stack or stack[-1][0] not in _CLOSERS:
                    after = f" after {stack[-1][0]!r}" if stack else ""
                    raise located(line, col, f"unexpected {text!r}{after}")
                opener, items, at_line, at_col = stack.pop()
                if _CLOSERS[opener] != text:
                    raise located(line, col, f"{opener!r} (line {at_line}) closed by {text!r}")
                if len(stack) < bottom:
                    return END
                value = _collection(opener, items, at_line, at_col)
            else:
                if len(stack) == bottom:
                    self.line, self.column = line, col
                value = atom(kind, text, line, col)
            while True:
                if len(stack) == bottom:
                    return value
                top = stack[-1]
                if top[0] == "#_":
                    stack.pop()
                    break
                if top[0][0] == "#" and top[0] not in _CLOSERS:
                    stack.pop()
                    value = Tagged(top[0][1:], value)
                    continue
                top[1].append(value)
                break

    def open_collection(self) -> Token | None:
        """If the text starts with ``[`` or ``(``, enter it: :meth:`read` (1) gives its elements."""
        kind, text, line, col = token = self._lexer.next()
        if kind == "open" and text in ("[", "("):
            self._stack.append([text, [], line, col])
            return None
        return token

    def value_after(self, token: Token) -> object:
        """The top-level value that starts with ``token`` (from :meth:`open_collection`)."""
        kind, text, line, col = token
        self.line, self.column = line, col
        if kind == "eof":
            return END
        if kind == "close":
            raise located(line, col, f"unexpected {text!r}")
        if kind in ("open", "tag", "discard"):
            self._stack.append([text, [], line, col])
            return self.read(0)
        return atom(kind, text, line, col)


def _flat_map(pairs: list[tuple[str, str]], line: int, col: int) -> EdnMap:
    try:
        return EdnMap((flat_atom(k, line, col), flat_atom(v, line, col)) for k, v in pairs)
    except HistoryError as exc:
        if str(exc).startswith("line "):
            raise
        raise located(line, col, str(exc)) from None


def _collection(opener: str, items: list[object], line: int, col: int) -> object:
    if opener in ("[", "("):
        return tuple(items)
    try:
        if opener == "#{":
            return EdnSet(items)
        if len(items) % 2:
            raise HistoryError("a map needs an even number of forms")
        return EdnMap(zip(items[::2], items[1::2], strict=True))
    except HistoryError as exc:
        raise located(line, col, str(exc)) from None


def read_edn(text: str) -> object:
    """Read exactly one EDN value from ``text``.

    Vectors and lists become tuples, maps :class:`EdnMap`, sets :class:`EdnSet`, keywords
    :class:`Keyword`, nil None.

    Raises:
        EdnError: The text is not one EDN value (the message names the line and column).
    """
    reader = EdnReader(lines_of(text.removeprefix("\ufeff")))
    value = reader.read()
    if value is END:
        raise EdnError("a value is missing")
    after = reader.read()
    if after is not END:
        raise located(reader.line, reader.column, "unexpected text after the value")
    return value


def iter_edn(chunks: Iterable[str]) -> Iterator[tuple[object, int, int]]:
    """Each top-level value with its line and column; a top-level vector or list is entered.

    So ``[{...} {...}]`` and ``{...} {...}`` both give the maps one at a time (Jepsen writes
    either), in memory bounded by the largest map.
    """
    reader = EdnReader(chunks)
    first = reader.open_collection()
    if first is None:
        while (value := reader.read(1)) is not END:
            yield value, reader.line, reader.column
        after = reader.read(0)
        if after is not END:
            raise located(reader.line, reader.column, "unexpected text after the closing bracket")
        return
    value = reader.value_after(first)
    while value is not END:
        yield value, reader.line, reader.column
        value = reader.read(0)


__all__ = ["END", "MAX_DEPTH", "MAX_DIGITS", "EdnError", "EdnReader", "iter_edn", "read_edn"]
