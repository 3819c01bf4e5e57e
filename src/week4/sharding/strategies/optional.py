"""numpy, when it is installed (the optional ``fast`` extra), else ``None``.

Every function that uses it also has a pure-Python path giving the same results, so the
library runs in Pyodide and on a bare interpreter.
"""

try:
    import numpy
except ImportError:  # pragma: no cover - numpy is an optional extra
    numpy = None  # type: ignore[assignment]

__all__ = ["numpy"]
