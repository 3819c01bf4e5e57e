"""How long the site takes to build, cold, warm and after a prose edit, beside an empty site.

Targets (issue 14), each against an empty Material site built in the same run:

- cold strict build of the whole site (empty execution cache, the blocks first run in two
  worker processes): at most 15x the empty site;
- warm build (nothing changed since the last build): at most 3x;
- a one-line prose edit: reuses every cached output, so it costs about a warm build.

The CI build (``WEEK4_CACHE=0``: no cache, every block runs in the build's own process) is
measured too. Every build runs in a copy of the project, so the working tree is never
touched. The pages built with the cache off, cold and warm must be byte-identical: the
benchmark compares the three output folders and records the verdict.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "site_build.json"
COPY = ["mkdocs.yml", "package.json", "pyproject.toml", "requirements", "docs", "hooks"]
COPY += ["scripts", "src", "bench", "tests/data"]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
TARGETS = {"cold": 15, "warm": 3}


def copy_project(target: Path) -> Path:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "results")
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    results = ROOT / "bench" / "results"  # the Performance page reads the committed results
    shutil.copytree(results, target / "bench" / "results", dirs_exist_ok=True)
    return target


def timed(command: list[str], cwd: Path, **env: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**ENV, **env}, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise SystemExit(f"the build failed in {cwd}")
    return seconds


def same_tree(a: Path, b: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    compare = filecmp.dircmp(a, b)
    if compare.left_only or compare.right_only or compare.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compare.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(a / sub, b / sub) for sub in compare.common_dirs)


def git_commit() -> dict[str, object]:
    def git(*args: str) -> str:
        command = ["git", *args]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", *COPY)
    # A copy outside git (an exported commit) names its commit in WEEK4_BENCH_COMMIT.
    commit = git("rev-parse", "HEAD") or os.environ.get("WEEK4_BENCH_COMMIT", "")
    return {"commit": commit, "uncommitted_changes": bool(changed)}


def measure(runs: int, tmp: Path) -> dict[str, float | bool]:
    empty = tmp / "empty"
    (empty / "docs").mkdir(parents=True)
    (empty / "docs" / "index.md").write_text("# Empty\n")
    (empty / "mkdocs.yml").write_text("site_name: empty\ntheme:\n  name: material\n  font: false\n")
    project = copy_project(tmp / "project")
    cache = tmp / "cache"
    sites = {name: str(tmp / f"site-{name}") for name in ("off", "cold", "warm", "prose")}
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(seconds, best.get(name, seconds))

    for round_ in range(runs):
        keep("empty", timed(MKDOCS, empty))
        keep("off", timed([*MKDOCS, "--site-dir", sites["off"]], project, WEEK4_CACHE="0"))
        shutil.rmtree(cache, ignore_errors=True)
        on = {"WEEK4_CACHE": "1", "WEEK4_CACHE_DIR": str(cache)}
        keep("cold", timed([*MKDOCS, "--site-dir", sites["cold"]], project, **on))
        keep("warm", timed([*MKDOCS, "--site-dir", sites["warm"]], project, **on))
        index = project / "docs" / "index.md"
        index.write_text(
            index.read_text() + f"\nA line of prose added by the benchmark ({round_}).\n"
        )
        keep("prose", timed([*MKDOCS, "--site-dir", sites["prose"]], project, **on))
    identical = same_tree(Path(sites["off"]), Path(sites["cold"])) and same_tree(
        Path(sites["off"]), Path(sites["warm"])
    )
    return {**best, "identical": identical}


def main() -> int:
    runs = 1 if "--quick" in sys.argv else 3
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(runs, Path(tmp))
    load = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    empty = float(figures["empty"])
    ratios = {
        name: round(float(figures[name]) / empty, 2) for name in ("off", "cold", "warm", "prose")
    }
    print(f"empty Material site:                      {empty:6.2f} s")
    labels = {
        "off": "CI build, no cache (WEEK4_CACHE=0)",
        "cold": "cold build, empty cache",
        "warm": "warm build, nothing changed",
        "prose": "after a one-line prose edit",
    }
    for name, label in labels.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else (" PASS" if ratios[name] <= target else " MISS")
        goal = f" (target <= {target}x)" if target else ""
        print(f"{label:41} {float(figures[name]):6.2f} s  {ratios[name]:5.1f}x{goal}{verdict}")
    print(f"pages identical with the cache off, cold and warm: {figures['identical']}")
    print(f"load average (1 min) before and after: {load[0]}, {load[1]}")
    RESULTS.parent.mkdir(exist_ok=True)
    record = {
        "machine": machine(),
        "git": git_commit(),
        "runs": runs,
        "load_average": load,
        "empty_material_s": round(empty, 3),
        "seconds": {name: round(float(figures[name]), 3) for name in labels},
        "ratios": ratios,
        "targets": TARGETS,
        "identical": figures["identical"],
    }
    tmp_path = RESULTS.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(record, indent=2) + "\n")
    tmp_path.replace(RESULTS)
    return 0 if figures["identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
