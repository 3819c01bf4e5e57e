"""What machine and which code a benchmark measured, for the record beside its figures."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MEASURED = ("src", "bench", ":(exclude)bench/results")


def git_state(paths: tuple[str, ...] = MEASURED) -> dict[str, Any]:
    """The commit checked out, whether ``paths`` differ from it (``dirty``) and which files.

    A copy outside git (an exported commit) may name its commit in ``WEEK4_BENCH_COMMIT``;
    ``dirty`` is then ``None`` (unknown).
    """

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    if commit is None:
        commit = os.environ.get("WEEK4_BENCH_COMMIT", "unknown")
        return {"commit": commit, "dirty": None, "changed_files": None}
    status = git("status", "--porcelain", "--untracked-files=no", "--", *paths) or ""
    changed = sorted(line.split(maxsplit=1)[1] for line in status.splitlines() if line.strip())
    return {"commit": commit, "dirty": bool(changed), "changed_files": changed}


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages (None where the platform has none)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def machine() -> dict[str, Any]:
    """Date, Python, platform, CPU, load and the git commit (read once, written into results)."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        model = platform.processor()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
        "cpu": model,
        "cores": os.cpu_count(),
        "load_average": load_average(),
        **git_state(),
    }
