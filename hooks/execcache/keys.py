"""What every cache key starts from: everything a block's output can depend on besides its page.

The environment key hashes the ``week4`` package's source (every file under ``src/week4``,
so a change to any module invalidates every block: sound, if not narrow), the build's own
scripts (``scripts/``: the generated pages and the griffe extension that shapes the API
reference), the Python version, the locked dependencies (``requirements/dev.txt``) and this
cache's own code, so a change to how entries are made can never serve an entry made the old
way.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path
from typing import Any

from execcache.store import digest

#: Bump to invalidate every entry when the entries' meaning changes.
FORMAT = "week4-exec-cache 1"
LOCK = Path("requirements") / "dev.txt"
PACKAGE = Path("src") / "week4"
SCRIPTS = Path("scripts")


def tree_digest(folder: Path, suffixes: tuple[str, ...] = ()) -> str:
    """One digest of a folder's files (relative names and contents), bytecode left out."""
    parts: list[str | bytes] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or path.suffix == ".pyc" or not path.is_file():
                continue
            if suffixes and path.suffix not in suffixes:
                continue
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def tools_key(root: Path) -> str:
    """The digest the build tools' cached steps start from: Python and the locked deps."""
    lock = root / LOCK
    return digest(
        FORMAT,
        sys.version,
        lock.read_bytes() if lock.exists() else b"no lock",
        tree_digest(Path(__file__).parent, (".py",)),
    )


def environment_key(root: Path) -> str:
    """The digest every block key of a build of the project at ``root`` starts from."""
    lock = root / LOCK
    return digest(
        FORMAT,
        sys.version,
        platform.python_implementation(),
        lock.read_bytes() if lock.exists() else b"no lock",
        tree_digest(root / PACKAGE),
        tree_digest(root / SCRIPTS, (".py",)),
        tree_digest(Path(__file__).parent, (".py",)),
    )


def settings_digest(config_file: Path) -> str:
    """The site's own configuration: mkdocs.yml, the hooks beside it (a hook can add a
    Jinja filter, change the Markdown, or the config) and mkdocstrings' ``custom_templates``
    (they shape the API reference)."""
    text = config_file.read_bytes() if config_file.exists() else b""
    templates = re.findall(rb"^\s*custom_templates:\s*(\S+)\s*$", text, re.MULTILINE)
    return digest(
        text,
        tree_digest(config_file.parent / "hooks", (".py",)),
        *(tree_digest(config_file.parent / os.fsdecode(folder)) for folder in templates),
    )


def outline(items: Any) -> list[Any]:
    """A table of contents as plain lists (id, URL, title, level, children), for a key."""
    return [[i.id, i.url, i.title, i.level, outline(i.children)] for i in items or []]
