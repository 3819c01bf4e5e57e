"""The project files a block reads while it runs, recorded with an audit hook (PEP 578).

A block that reads ``bench/results/x.json`` or ``tests/data/h.edn`` depends on that file as
much as on its code. While a block runs, every ``open``, ``os.listdir``/``os.scandir`` and
``sqlite3.connect`` of a path inside the project is recorded; the entry stores each file's
digest (a folder's: its sorted names), and a hit re-checks them, so an edited data file is a
miss. Reads of the ``week4`` package are left out (the environment key covers them), as are
paths outside the project (the Python install and the locked dependencies, also in the key,
and temporary files). A block that *writes* inside the project is not cacheable: replaying its
output would skip the write.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from execcache.store import digest

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


@dataclass
class Recording:
    """What one run touched inside ``root``: files and folders read, and any write."""

    root: Path
    ignored: tuple[Path, ...]
    reads: set[tuple[str, str]] = field(default_factory=set)
    wrote: bool = False

    def note(self, kind: str, path: Any, writing: bool) -> None:
        if isinstance(path, int) or path is None:
            return
        try:
            full = Path(os.fsdecode(path))
            full = full if full.is_absolute() else Path(os.getcwd()) / full
            full = Path(os.path.normpath(full))
            relative = full.relative_to(self.root)
        except (TypeError, ValueError, OSError):
            return
        if any(full.is_relative_to(ignored) for ignored in self.ignored):
            return
        if "__pycache__" in relative.parts:
            return
        if writing:
            self.wrote = True
        else:
            self.reads.add((kind, relative.as_posix()))


_active: list[Recording] = []
_installed: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _active:
        return
    recording = _active[-1]
    if event == "open":
        path, mode, flags = args
        writing = any(c in (mode or "") for c in "wax+") or bool(
            mode is None and isinstance(flags, int) and flags & WRITE_FLAGS
        )
        recording.note("file", path, writing)
    elif event in {"os.listdir", "os.scandir"}:
        recording.note("dir", args[0] if args and args[0] is not None else ".", False)
    elif event == "sqlite3.connect" and args and args[0] not in {":memory:", ""}:
        recording.note("file", args[0], True)


def start(root: Path, ignored: tuple[Path, ...]) -> Recording:
    """Start recording (nested recordings go to the innermost one)."""
    if not _installed:
        sys.addaudithook(_audit)
        _installed.append(True)
    recording = Recording(root, ignored)
    _active.append(recording)
    return recording


def current() -> Recording | None:
    """The innermost recording, if one is running."""
    return _active[-1] if _active else None


def stop(recording: Recording) -> None:
    """Stop ``recording``."""
    if _active and _active[-1] is recording:
        _active.pop()


def fingerprint(root: Path, kind: str, relative: str) -> str:
    """The current digest of a file's bytes or a folder's sorted names ("missing" if gone)."""
    path = root / relative
    try:
        if kind == "dir":
            return digest(*sorted(os.listdir(path)))
        return digest(path.read_bytes())
    except OSError:
        return "missing"


def snapshot(recording: Recording) -> list[list[str]]:
    """The recorded reads with their current digests, sorted (stored with the entry)."""
    return [
        [kind, relative, fingerprint(recording.root, kind, relative)]
        for kind, relative in sorted(recording.reads)
    ]


def still_valid(root: Path, reads: Any) -> bool:
    """Whether every stored read still has the digest it had when the entry was made."""
    if not isinstance(reads, list):
        return False
    for item in reads:
        if not (
            isinstance(item, list) and len(item) == 3 and all(isinstance(s, str) for s in item)
        ):
            return False
        kind, relative, stored = item
        if fingerprint(root, kind, relative) != stored:
            return False
    return True
