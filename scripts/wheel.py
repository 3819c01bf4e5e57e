"""Build week4's pure-Python wheel in memory, reproducibly, for the site's Try-it blocks.

A wheel is a zip archive with the package files and a ``.dist-info`` folder (PEP 427,
PEP 376 RECORD, and pyproject's console scripts in ``entry_points.txt``, so that
``pip install <the wheel's URL>`` gives the ``week4`` command). Building it here takes
milliseconds and needs no build backend or network, and fixed timestamps make it
byte-identical for the same sources, so the site can ship the exact code its pages ran.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile
from pathlib import Path

EPOCH = (2020, 1, 1, 0, 0, 0)


def _digest(data: bytes) -> str:
    raw = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _entry_points(pyproject: Path) -> bytes:
    """``entry_points.txt`` with pyproject's console scripts, so ``week4`` is a command."""
    scripts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["scripts"]
    lines = "".join(f"{name} = {target}\n" for name, target in sorted(scripts.items()))
    return f"[console_scripts]\n{lines}".encode()


def wheel_name(version: str) -> str:
    """The wheel's file name (PEP 427)."""
    return f"week4-{version}-py3-none-any.whl"


def build_wheel(src: Path, version: str) -> bytes:
    """The bytes of ``week4-<version>-py3-none-any.whl`` built from ``src/week4``."""
    files: list[tuple[str, bytes]] = []
    package = src / "week4"
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in {".py", ".typed"}:
            files.append((path.relative_to(src).as_posix(), path.read_bytes()))
    info = f"week4-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: week4\nVersion: {version}\nRequires-Python: >=3.11\n"
    wheel = (
        "Wheel-Version: 1.0\nGenerator: week4 scripts/wheel.py\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files.append((f"{info}/METADATA", metadata.encode()))
    files.append((f"{info}/WHEEL", wheel.encode()))
    files.append((f"{info}/entry_points.txt", _entry_points(src.parent / "pyproject.toml")))
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in files)
    record += f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()
