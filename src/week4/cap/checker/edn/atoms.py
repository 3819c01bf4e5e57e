"""EDN's atoms: strings with their escapes, characters, numbers, keywords, symbols.

Integers are limited to :data:`MAX_DIGITS` digits (CPython's own limit for converting text
to int), so a hostile number is a one-line error, not a ValueError.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from week4.cap.checker.edn.lexer import located
from week4.cap.checker.edn.values import Char, Keyword, Symbol

#: The most digits an integer may have.
MAX_DIGITS = 4300

_INT = re.compile(r"[+-]?\d+N?")
_FLOAT = re.compile(r"[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?M?")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "\\": "\\"}
_CHARS = {"newline": "\n", "space": " ", "tab": "\t", "return": "\r", "formfeed": "\f"}
_CHARS["backspace"] = "\b"
_KEYWORDS: dict[str, Keyword] = {}
_CONSTANTS: dict[str, object] = {"nil": None, "true": True, "false": False}
_SPECIAL = {"##Inf": float("inf"), "##-Inf": float("-inf"), "##NaN": float("nan")}


def flat_atom(text: str, line: int, col: int) -> object:
    """An atom of a flat map (see the lexer): the common ones fast, the rest by :func:`atom`."""
    first = text[0]
    if first == '"':
        return text[1:-1] if "\\" not in text else string(text[1:-1], line, col)
    if first == ":" and text in _KEYWORDS:
        return _KEYWORDS[text]
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if first.isdigit() and len(text) < 19:  # the lexer let through at most 18 digits
        return int(text)
    return atom("str" if first == '"' else "atom", text, line, col)


def atom(kind: str, text: str, line: int, col: int) -> object:
    """The value of an atom token of ``kind`` (see :mod:`.lexer`) at ``line``, ``col``."""
    if kind == "str":
        return string(text[1:-1], line, col)
    if kind == "char":
        name = text[1:]
        if len(name) == 1:
            return Char(name)
        if name in _CHARS:
            return Char(_CHARS[name])
        if name[0] == "u" and len(name) == 5:
            return Char(chr(int(name[1:], 16)))
        raise located(line, col, f"unknown character {text!r}")
    if kind == "special":
        if text not in _SPECIAL:
            raise located(line, col, f"unknown symbolic value {text!r}")
        return _SPECIAL[text]
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] == ":":
        if len(text) == 1 or text[1] == ":" or text.endswith("/"):
            raise located(line, col, f"invalid keyword {text!r}")
        keyword = _KEYWORDS.get(text)
        if keyword is None:
            keyword = Keyword(text[1:])
            if len(_KEYWORDS) < 4096:  # a history repeats a few keywords: one object each
                _KEYWORDS[text] = keyword
        return keyword
    if text[0].isdigit() or (text[0] in "+-" and text[1:2].isdigit()):
        return _number(text, line, col)
    if text[0] == "#":
        raise located(line, col, f"cannot read {text[:20]!r}")
    return Symbol(text)


def _number(text: str, line: int, col: int) -> object:
    if _INT.fullmatch(text):
        digits = text.rstrip("N").lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise located(line, col, f"an integer of more than {MAX_DIGITS} digits")
        return int(text.rstrip("N"))
    if _FLOAT.fullmatch(text):
        try:
            return Decimal(text[:-1]) if text.endswith("M") else float(text)
        except (ValueError, InvalidOperation):
            pass
    raise located(line, col, f"invalid number {text[:20]!r}")


def string(body: str, line: int, col: int) -> str:
    """A string literal's value from its ``body`` (between the quotes), escapes resolved."""
    if "\\" not in body:
        return body

    def unescape(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] == "u" and len(code) == 5:
            return chr(int(code[1:], 16))
        if code not in _ESCAPES:
            raise located(line, col, f"invalid escape \\{code} in a string")
        return _ESCAPES[code]

    out = _ESCAPE.sub(unescape, body)
    if any("\ud800" <= c <= "\udfff" for c in out):
        try:  # join surrogate pairs written as two \u escapes; a lone one is not text
            out = out.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            raise located(line, col, "a string holds a lone surrogate (\\ud800-\\udfff)") from None
    return out
