"""Cache entries on disk: one JSON file per key, written atomically, read defensively.

An entry is ``<dir>/<key[:2]>/<key>.json``. A write goes to a temporary file in the same
folder and is renamed over the entry (``os.replace`` is atomic on POSIX and Windows), so a
reader sees a whole entry or none, and two builds writing the same key at once cannot corrupt
it. Anything unreadable (truncated, not JSON, another key, wrong shape) is a miss, never an
error: the folder is safe to delete, or to damage, at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") != ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Store:
    """A folder of cache entries (a dict from key to JSON-able record)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The record stored under ``key``, or None (missing or unreadable)."""
        try:
            record = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        return record

    def put(self, key: str, record: dict[str, Any]) -> None:
        """Store ``record`` under ``key`` atomically (a failure to write is not fatal)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({**record, "key": key}, out, sort_keys=True)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def has_marker(self, name: str) -> bool:
        """Whether the marker ``name`` (a hint, never trusted for correctness) exists."""
        return (self.folder / "pages" / name).exists()

    def set_marker(self, name: str) -> None:
        """Create the marker ``name`` (empty file; creation is atomic enough for a hint)."""
        with contextlib.suppress(OSError):
            (self.folder / "pages").mkdir(parents=True, exist_ok=True)
            (self.folder / "pages" / name).touch()
