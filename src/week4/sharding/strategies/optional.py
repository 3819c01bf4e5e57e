"""numpy, when it is installed (the optional ``fast`` extra), imported on first use.

Every function that uses it also has a pure-Python path giving the same results, so the
library runs in Pyodide and on a bare interpreter. ``numpy`` here is a stand-in that imports
the real module the first time one of its names is used: importing ``week4.sharding`` (which
the site's build and the CLI do for every scenario's metadata) does not pay for numpy's
import, about 0.2 s, unless a batch is routed with it. :func:`available` says whether it can
be imported, without importing it.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from typing import Any


@cache
def available() -> bool:
    """Whether numpy can be imported (found on the path; not imported by asking)."""
    try:
        return importlib.util.find_spec("numpy") is not None
    except (ImportError, ValueError):  # pragma: no cover - a broken install counts as absent
        return False


class _OnFirstUse:
    """Stands for the numpy module; the first attribute read imports it."""

    def __getattr__(self, name: str) -> Any:
        if not available():
            raise ImportError("numpy is not installed (the optional 'fast' extra)")
        return getattr(importlib.import_module("numpy"), name)


numpy: Any = _OnFirstUse()

__all__ = ["available", "numpy"]
