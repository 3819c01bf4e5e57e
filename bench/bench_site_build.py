"""How long the whole site takes to build, against an empty Material site, in the same run.

Target (foundation issue): the whole site, every simulation executed, builds strictly within
20x the time of an empty Material site on the same machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "site_build.json"
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}


def best_of(runs: int, command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    runs = 1 if "--quick" in sys.argv else 3
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        (empty / "docs").mkdir(parents=True)
        (empty / "docs" / "index.md").write_text("# Empty\n")
        (empty / "mkdocs.yml").write_text(
            "site_name: empty\ntheme:\n  name: material\n  font: false\n"
        )
        empty_s = best_of(runs, MKDOCS, empty)
        ours_s = best_of(runs, [*MKDOCS, "--site-dir", str(Path(tmp) / "site")], ROOT)
    ratio = ours_s / empty_s
    verdict = "PASS" if ratio <= 20 else "MISS"
    print(f"empty Material site: {empty_s:.2f} s")
    print(f"week4 site (every simulation executed): {ours_s:.2f} s")
    print(f"ratio {ratio:.1f}x (target <= 20x): {verdict}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": machine(),
                "runs": runs,
                "empty_material_s": round(empty_s, 3),
                "week4_site_s": round(ours_s, 3),
                "ratio": round(ratio, 2),
                "target_ratio": 20,
            },
            indent=2,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
