"""How long the site takes to build, cold, warm and after a prose edit, beside an empty site.

Targets (issue 14), each against an empty Material site built in the same run:

- cold strict build of the whole site (empty execution cache, the blocks first run in two
  worker processes): at most 15x the empty site;
- warm build (nothing changed since the last build): at most 3x;
- a one-line prose edit: reuses every cached output, so it costs about a warm build;
- under ``mkdocs serve``, the seconds from saving a prose edit until the served page shows
  it (target: about 2 s), and from saving a module of the package until the rebuild is
  served (every block depends on the package, so every block runs again).

The CI build (``WEEK4_CACHE=0``: no cache, every block runs in the build's own process) is
measured too. Every build runs in a copy of the project, so the working tree is never
touched. The pages built with the cache off, cold and warm must be byte-identical: the
benchmark compares the three output folders and records the verdict.
"""

from __future__ import annotations

import filecmp
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from machine import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "site_build.json"
COPY = ["mkdocs.yml", "package.json", "pyproject.toml", "requirements", "docs", "hooks"]
COPY += ["scripts", "src", "bench", "tests/data"]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
TARGETS = {"cold": 15, "warm": 3}
# Timed once, after the builds, with the cache they left: seconds from saving to being served.
SERVE = {
    "serve prose": "mkdocs serve: a prose edit is served",
    "serve module": "mkdocs serve: a module edit is rebuilt",
}


def copy_project(target: Path) -> Path:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "results")
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    # The site self-hosts Pyodide, Ace and Mermaid from node_modules: read, never written.
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    results = ROOT / "bench" / "results"  # the Performance page reads the committed results
    shutil.copytree(results, target / "bench" / "results", dirs_exist_ok=True)
    return target


class Took(NamedTuple):
    """A build's wall-clock seconds, and the CPU seconds it used (its workers' included)."""

    seconds: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, log: list[str] | None = None, **env: str) -> Took:
    """How long the build took; its log goes to ``log`` when given (then not ``--quiet``).

    The CPU time counts the build and the worker processes it waited for (user + system).
    """
    if log is not None:
        command = [part for part in command if part != "--quiet"]
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**ENV, **env}, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if done.returncode:
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise SystemExit(f"the build failed in {cwd}")
    if log is not None:
        log[:] = done.stderr.decode(errors="replace").splitlines()
    return Took(seconds, cpu)


def by_folder(log: list[str]) -> dict[str, float]:
    """The pages' conversion time by folder, from a build's log (``hooks/block_timing.py``)."""
    for line in log:
        if "pages' time by folder: " in line:
            parts = line.split("pages' time by folder: ", 1)[1].split(", ")
            return {p.rsplit(" ", 2)[0]: float(p.rsplit(" ", 2)[1]) for p in parts}
    return {}


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """``mkdocs serve`` on the project copy, its log read line by line in a thread."""

    def __init__(self, project: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
        command += ["--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command,
            cwd=project,
            env={**ENV, **env, "WEEK4_SITE_URL": f"http://127.0.0.1:{self.port}/"},  # as make serve
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def page(self) -> str:
        url = f"http://127.0.0.1:{self.port}/"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode())
        except OSError:
            return ""

    def wait(self, done: Callable[[], bool], what: str, timeout: float = 600) -> float:
        start = time.perf_counter()
        while not done():
            if self.process.poll() is not None or time.perf_counter() - start > timeout:
                sys.stderr.write("".join(self.lines[-40:]))
                raise SystemExit(f"mkdocs serve: no {what}")
            time.sleep(0.05)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure_serve(project: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds from saving a file to the served site showing it, as an author works.

    The prose edit is timed until the served page contains the new line; the module edit
    (a comment added to ``week4/sim/clock.py``, which every block depends on) until the
    server logs that the rebuild is served.
    """
    served = Served(project, env)
    try:
        served.wait(lambda: "week4" in served.page(), "first build")
        index = project / "docs" / "index.md"
        line = f"A line of prose saved while serving ({time.time_ns()})."
        index.write_text(index.read_text() + f"\n{line}\n")
        prose = served.wait(lambda: line in served.page(), "rebuild after the prose edit")
        served.wait(lambda: any("Reloading" in x or "Serving on" in x for x in served.lines), "log")
        time.sleep(1)  # let the server settle before the next edit
        seen = len(served.lines)
        module = project / "src" / "week4" / "sim" / "clock.py"
        module.write_text(module.read_text() + "\n# A comment saved while serving.\n")
        edited = served.wait(
            lambda: any("Reloading" in x or "Serving on" in x for x in served.lines[seen:]),
            "rebuild after the module edit",
        )
    finally:
        served.stop()
    return {"serve prose": prose, "serve module": edited}


def as_many_empty_pages(target: Path, pages: int) -> Path:
    """A Material site of ``pages`` one-line pages in folders of 20, with search and the
    navigation features this site uses: what the size of a site costs with no content."""
    for number in range(pages):
        page = target / "docs" / f"part{number // 20}" / f"page{number}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Page {number}\n\nOne line of text.\n")
    (target / "docs" / "index.md").write_text("# Empty\n")
    (target / "mkdocs.yml").write_text(
        "site_name: empty\ntheme:\n  name: material\n  font: false\n"
        "  features: [navigation.sections, navigation.prune, navigation.indexes]\n"
        "plugins: [search]\n"
    )
    return target


def page_count(site: Path) -> int:
    """The pages of a built site (its ``index.html`` files)."""
    return sum(1 for _ in site.rglob("index.html"))


def measure(runs: int, tmp: Path) -> dict[str, Any]:
    empty = tmp / "empty"
    (empty / "docs").mkdir(parents=True)
    (empty / "docs" / "index.md").write_text("# Empty\n")
    (empty / "mkdocs.yml").write_text("site_name: empty\ntheme:\n  name: material\n  font: false\n")
    project = copy_project(tmp / "project")
    cache = tmp / "cache"
    sites = {name: str(tmp / f"site-{name}") for name in ("off", "cold", "warm", "prose")}
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def keep(name: str, took: Took) -> None:
        if took.seconds <= best.get(name, took.seconds):
            best[name], cpu[name] = took.seconds, took.cpu

    log: list[str] = []
    folders: dict[str, float] = {}
    for round_ in range(runs):
        keep("empty", timed(MKDOCS, empty))
        off = timed([*MKDOCS, "--site-dir", sites["off"]], project, log, WEEK4_CACHE="0")
        if off.seconds <= best.get("off", off.seconds):
            folders = by_folder(log)
        keep("off", off)
        shutil.rmtree(cache, ignore_errors=True)
        on = {"WEEK4_CACHE": "1", "WEEK4_CACHE_DIR": str(cache)}
        keep("cold", timed([*MKDOCS, "--site-dir", sites["cold"]], project, **on))
        keep("warm", timed([*MKDOCS, "--site-dir", sites["warm"]], project, **on))
        index = project / "docs" / "index.md"
        index.write_text(
            index.read_text() + f"\nA line of prose added by the benchmark ({round_}).\n"
        )
        keep("prose", timed([*MKDOCS, "--site-dir", sites["prose"]], project, **on))
    pages = page_count(Path(sites["off"]))
    many = as_many_empty_pages(tmp / "empty-pages", pages)
    for _ in range(runs):
        keep("empty pages", timed(MKDOCS, many))
    identical = same_tree(Path(sites["off"]), Path(sites["cold"])) and same_tree(
        Path(sites["off"]), Path(sites["warm"])
    )
    serve = measure_serve(project, on)
    figures = {**best, **serve, "identical": identical, "folders": folders, "cpu": cpu}
    return {**figures, "pages": pages}


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
    many = float(figures["empty pages"])
    pages = int(figures["pages"])
    label = f"empty site of {pages} one-line pages"
    print(f"{label:41} {many:6.2f} s  {many / empty:5.1f}x")
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
    for name, label in SERVE.items():
        print(f"{label:41} {float(figures[name]):6.2f} s")
    cpu = figures["cpu"]
    assert isinstance(cpu, dict)
    print("CPU seconds (workers included): " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()))
    print(f"pages identical with the cache off, cold and warm: {figures['identical']}")
    folders = figures["folders"]
    assert isinstance(folders, dict)
    print(
        "CI build, pages' time by folder: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in folders.items())
    )
    print(f"load average (1 min) before and after: {load[0]}, {load[1]}")
    RESULTS.parent.mkdir(exist_ok=True)
    record = {
        "machine": machine(),
        "git": git_commit(),
        "runs": runs,
        "load_average": load,
        "empty_material_s": round(empty, 3),
        # What the size of the site costs with no content: as many one-line pages.
        "pages": pages,
        "empty_pages_s": round(many, 3),
        "seconds": {name: round(float(figures[name]), 3) for name in [*labels, *SERVE]},
        "ratios": ratios,
        # CPU seconds of the best run of each build, its worker processes included: on a
        # machine of N cores no build can take less than cpu / N seconds.
        "cpu_seconds": {name: round(float(v), 2) for name, v in cpu.items()},
        "targets": TARGETS,
        "identical": figures["identical"],
        # Where the CI build's time goes: seconds converting each folder's pages, blocks
        # and the API reference's rendering included (the rest: start-up and the theme).
        "ci_build_by_folder": figures["folders"],
    }
    tmp_path = RESULTS.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(record, indent=2) + "\n")
    tmp_path.replace(RESULTS)
    return 0 if figures["identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
