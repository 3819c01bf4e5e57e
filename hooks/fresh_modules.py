"""MkDocs hook: import ``week4`` afresh on every (re)build.

``mkdocs serve`` runs every rebuild in the same process, so without this the executed blocks
would keep using the ``week4`` modules imported by the first build, and edits under
``src/`` (watched via ``watch:``) would not show up. markdown-exec's sessions are emptied by
``hooks/exec_cache.py`` at the start of every build.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def on_pre_build(config: Any) -> None:
    for name in [m for m in sys.modules if m == "week4" or m.startswith("week4.")]:
        del sys.modules[name]
    src = str(Path(config.config_file_path).parent / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
