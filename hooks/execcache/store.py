"""Cache entries on disk: one JSON file per key, written atomically, read defensively.

An entry is ``<dir>/<key[:2]>/<key>.json``. A write goes to a temporary file in the same
folder and is renamed over the entry (``os.replace`` is atomic on POSIX and Windows), so a
reader sees a whole entry or none, and two builds writing the same key at once cannot corrupt
it. Anything unreadable (truncated, not JSON, another key, wrong shape) is a miss, never an
error: the folder is safe to delete, or to damage, at any time.

The folder does not grow without bound: a hit refreshes its entry's time, and after a build
that wrote many entries (:data:`PRUNE_AFTER`) the least recently used entries are deleted
until the folder is within 80% of its limit (``WEEK4_CACHE_LIMIT_MB``, default
:data:`LIMIT_MB`). An entry this build used is never deleted; a deleted entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: The folder's default size limit, in megabytes (a cold build of the site writes about 30).
LIMIT_MB = 500
#: A build that wrote at least this many entries checks the folder's size afterwards.
PRUNE_AFTER = 100
#: A text this long (characters) is stored in a file beside its entry, not in its JSON.
LONG_TEXT = 16_384
#: The entry's field naming its texts stored beside it.
SIDE = "stored beside"


OFF = frozenset({"0", "off", "no", "false"})
ON = frozenset({"", "1", "on", "yes", "true"})


def enabled() -> bool:
    """Whether this build uses the cache (``WEEK4_CACHE=0``, ``off``, ``no``: it does not)."""
    return os.environ.get("WEEK4_CACHE", "1").strip().lower() not in OFF


def setting_error() -> str | None:
    """What is wrong with ``WEEK4_CACHE``, if it is neither on nor off (a typo stays visible)."""
    value = os.environ.get("WEEK4_CACHE", "1")
    if value.strip().lower() in ON | OFF:
        return None
    return f"WEEK4_CACHE must be 1 or 0 (on/off, yes/no, true/false), got {value!r}"


def folder(root: Path) -> Path:
    """Where the cache of the project at ``root`` lives (``WEEK4_CACHE_DIR`` moves it)."""
    return Path(os.environ.get("WEEK4_CACHE_DIR") or root / ".cache" / "week4-exec")


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
        self.writes = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _side(self, key: str, name: str) -> Path:
        return self.folder / key[:2] / f"{key}.{name}.txt"

    def get(self, key: str) -> dict[str, Any] | None:
        """The record stored under ``key``, or None (missing or unreadable)."""
        try:
            record = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(record, dict) or record.get("key") != key:
                return None
            for name in record.pop(SIDE, []):
                side = self._side(key, str(name))
                record[str(name)] = side.read_text(encoding="utf-8")
                os.utime(side)
            os.utime(self._path(key))  # recently used: the last to be pruned
        except (OSError, ValueError, TypeError):
            return None
        return record

    def put(self, key: str, record: dict[str, Any]) -> None:
        """Store ``record`` under ``key`` atomically (a failure to write is not fatal).

        A long text (a page's HTML) goes to a file of its own beside the entry, written
        first: reading it back is ten times as fast as decoding it from JSON. The entry
        names it; an entry whose text file is gone is a miss.
        """
        path = self._path(key)
        record = {**record, "key": key}
        long = [k for k, v in record.items() if isinstance(v, str) and len(v) >= LONG_TEXT]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for name in long:
                self._write(self._side(key, name), record.pop(name))
            if long:
                record[SIDE] = long
            self._write(path, json.dumps(record, sort_keys=True))
            self.writes += 1
        except OSError:
            return

    @staticmethod
    def _write(path: Path, text: str) -> None:
        """Write ``text`` to ``path`` atomically (a temporary file renamed over it)."""
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def has_marker(self, name: str) -> bool:
        """Whether the marker ``name`` (a hint, never trusted for correctness) exists."""
        return (self.folder / "pages" / name).exists()

    def set_marker(self, name: str) -> None:
        """Create the marker ``name`` (empty file; creation is atomic enough for a hint)."""
        with contextlib.suppress(OSError):
            (self.folder / "pages").mkdir(parents=True, exist_ok=True)
            (self.folder / "pages" / name).touch()

    def prune(self, limit_bytes: int, used_since: float) -> int:
        """Delete the least recently used entries until the folder is within 80% of
        ``limit_bytes``; entries used at or after ``used_since`` (a time) are kept.

        Returns how many entries were deleted. Failures (a file already gone, a read-only
        folder) are skipped: pruning is housekeeping, never a reason to fail a build.
        """
        entries: list[tuple[float, int, str]] = []
        try:
            folders = [e for e in os.scandir(self.folder) if e.is_dir() and len(e.name) == 2]
            for sub in folders:
                for entry in os.scandir(sub.path):
                    info = entry.stat()
                    if entry.name.startswith(".tmp-") and info.st_mtime < used_since - 3600:
                        with contextlib.suppress(OSError):  # left by a build killed mid-write
                            os.unlink(entry.path)
                    elif entry.name.endswith((".json", ".txt")):
                        entries.append((info.st_mtime, info.st_size, entry.path))
        except OSError:
            return 0
        total = sum(size for _, size, _ in entries)
        if total <= limit_bytes:
            return 0
        deleted = 0
        for mtime, size, path in sorted(entries):
            if total <= 0.8 * limit_bytes or mtime >= used_since:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size
                deleted += 1
        return deleted
