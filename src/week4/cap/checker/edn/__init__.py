"""EDN, Clojure's data notation, as Jepsen writes it: a reader, its values, and EDN equality.

- :mod:`.values`: keywords, symbols, characters, tagged elements, maps and sets, and
  :func:`canonical`/:func:`same`, equality as EDN defines it (``1``, ``true``, ``1.0`` and
  ``"1"`` all differ);
- :mod:`.lexer`: tokens with their line and column, from text read in chunks;
- :mod:`.reader`: whole values (:func:`read_edn`) or a history's maps one at a time
  (:func:`iter_edn`), with bounded nesting, integer size and token length.
"""

from week4.cap.checker.edn.lexer import EdnError, lines_of
from week4.cap.checker.edn.reader import END, EdnReader, iter_edn, read_edn
from week4.cap.checker.edn.values import (
    Char,
    EdnMap,
    EdnSet,
    Keyword,
    Symbol,
    Tagged,
    canonical,
    quote,
    same,
    show_edn,
)

__all__ = [
    "END",
    "Char",
    "EdnError",
    "EdnMap",
    "EdnReader",
    "EdnSet",
    "Keyword",
    "Symbol",
    "Tagged",
    "canonical",
    "iter_edn",
    "lines_of",
    "quote",
    "read_edn",
    "same",
    "show_edn",
]
