"""Black's layout of a long signature, for the shapes the API reference has, without Black.

mkdocstrings-python lays out a signature longer than its line length by formatting
``def xxx(<parameters>) -> <returns>: pass`` with Black and keeping the parameters. Black
parses and re-prints the whole line each time (3 ms a signature, about 2 s of a build). For
a ``def`` its choice is simple (``linegen.py``: ``left_hand_split``, then
``delimiter_split``):

1. the parameters on one indented line between ``def xxx(`` and ``) -> returns:``, when
   that line fits; a sole parameter gets a trailing comma;
2. otherwise one parameter a line, each followed by a comma.

:func:`black_layout` produces exactly that, and answers None (ask Black) for everything
where Black does more: a string in single quotes, a backslash, a number Black would
normalise, non-ASCII text (Black counts wide characters twice), a line that still does not
fit (Black splits inside brackets), a ``def`` that fits on one line, no parameters, and a
one-a-line layout with ``*`` or ``/`` (Black adds the last comma only if it infers a Python
version that allows it there).
A test formats every signature of the package both ways and compares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

INDENT = "    "
#: What Black would rewrite, or what needs its parser: then Black is asked.
_BLACK_ONLY = re.compile(r"['\\#]|\blambda\b|:=|\b\d[\d_]*[a-zA-Z]|\b\d+\.\d*[a-zA-Z]|\b0[xXoObB]")
_HEAD = re.compile(r"def (\w+)\(")


def black_layout(code: str, line_length: int) -> str | None:
    """Black's output for ``def name(parameters) -> returns: pass``, or None to ask Black."""
    head = _HEAD.match(code)
    if not head or not code.endswith(": pass") or not code.isascii() or _BLACK_ONLY.search(code):
        return None
    close = _closing_paren(code, head.end() - 1)
    if close is None:
        return None
    params = _split_top_level(code[head.end() : close])
    returns = code[close + 1 : -len(": pass")]
    if not params or (returns and not returns.startswith(" -> ")) or "(" in returns:
        return None
    first, last = head.group(0), f"){returns}:"
    if len(first) > line_length or len(last) > line_length:
        return None
    if len(code) - len(" pass") <= line_length:  # fits on one line (mkdocstrings never asks)
        return None
    if len(params) == 1:
        body = [f"{INDENT}{params[0]},"]
        if params[0].startswith("*"):
            return None
    elif len(INDENT) + len(", ".join(params)) <= line_length:
        body = [INDENT + ", ".join(params)]
    elif any(p.startswith("*") or p == "/" for p in params):
        return None
    else:
        body = [f"{INDENT}{p}," for p in params]
    if any(len(line) > line_length for line in body):
        return None
    return "\n".join([first, *body, last, f"{INDENT}pass", ""])


def _outside_strings(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of ``text`` from ``start`` that is not in a string, with its index and
    the bracket depth after it (an opening bracket counts, a closing one no longer does)."""
    depth, quoted = 0, False
    for index in range(start, len(text)):
        char = text[index]
        if char == '"':
            quoted = not quoted
        elif not quoted:
            depth += (char in "([{") - (char in ")]}")
            yield index, char, depth


def _closing_paren(code: str, opening: int) -> int | None:
    """The index of the bracket closing the one at ``opening`` (strings skipped)."""
    for index, char, depth in _outside_strings(code, opening):
        if depth == 0 and char in ")]}":
            return index
    return None


def _split_top_level(text: str) -> list[str]:
    """``text`` cut at its commas outside brackets and strings, each part stripped."""
    parts, start = [], 0
    for index, char, depth in _outside_strings(text):
        if char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts if all(parts) else []


def with_black_layout(black: Callable[[str, int], str]) -> Callable[[str, int], str]:
    """A formatter answering the simple shapes itself and asking ``black`` the others."""

    def format_code(code: str, line_length: int) -> str:
        return black_layout(code, line_length) or black(code, line_length)

    return format_code
