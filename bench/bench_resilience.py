"""Benchmark: per-call overhead of week4's circuit breaker and retry vs pybreaker and tenacity.

Usage: python bench/bench_resilience.py [--quick] [--output PATH]

What is timed (``timeit``, in one process, the contenders interleaved repeat by repeat so
drift in the machine's load hits them alike; the median of the repeats is kept). The timer
is the process's CPU time (``time.process_time``), not the wall clock: on a shared machine
the time the process spends waiting for a core is not the code's cost, and leaving it out
makes the figures repeatable from run to run.

* a bare call of a function that returns at once (the baseline);
* that call through a closed circuit breaker: ours (``CircuitBreaker.call``, a count window
  of 100 calls, resilience4j's defaults) and pybreaker's (``CircuitBreaker.call``, its
  defaults); ours with a time window (it reads the clock twice a call) for reference;
* that call, succeeding at the first attempt, through a retry decorator: ours
  (``@Retry(max_attempts=3)``) and tenacity's (``@retry(stop=stop_after_attempt(3))``);
  ours through ``Retry.call`` too.

Overhead is the median time per call minus the baseline's. Targets (issue 12): our
breaker's overhead at most half of pybreaker's, our retry's at most a tenth of tenacity's.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import pybreaker
import tenacity
from machine import machine

HERE = Path(__file__).resolve().parent
try:
    import week4  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(HERE.parent / "src"))

from week4.resilience import CircuitBreaker, Retry  # noqa: E402

# (target, ours, peer, maximum ratio of the overheads)
TARGETS = [
    ("breaker overhead <= 1/2 of pybreaker's", "breaker/week4", "breaker/pybreaker", 0.5),
    ("retry overhead <= 1/10 of tenacity's", "retry/week4", "retry/tenacity", 0.1),
]


def answer() -> int:
    return 42


def contenders() -> dict[str, Callable[[], object]]:
    """Each contender as a no-argument callable making one call of ``answer``."""
    ours = CircuitBreaker(window="count", window_size=100, minimum_calls=100)
    ours_time = CircuitBreaker(window="time", window_size=60, minimum_calls=100)
    peer = pybreaker.CircuitBreaker()
    retried = Retry(max_attempts=3)(answer)
    retry = Retry(max_attempts=3)
    tenacious = tenacity.retry(stop=tenacity.stop_after_attempt(3))(answer)
    return {
        "baseline": answer,
        "breaker/week4": lambda: ours.call(answer),
        "breaker/pybreaker": lambda: peer.call(answer),
        "breaker/week4-time-window": lambda: ours_time.call(answer),
        "retry/week4": retried,
        "retry/week4-call": lambda: retry.call(answer),
        "retry/tenacity": tenacious,
    }


LIBRARY = [  # what is measured: the components, not the chapter's simulations or pages
    f"src/week4/resilience/{part}"
    for part in ("__init__.py", "_checks.py", "errors.py", "breaker", "retry", "guards")
]


def git_commit() -> str:
    """The commit measured, with ``-dirty`` when the components have uncommitted changes."""
    root = HERE.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", *LIBRARY],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


def measure(repeats: int, number: int) -> dict[str, list[float]]:
    """Nanoseconds per call, one list per contender, interleaved repeat by repeat."""
    calls = contenders()
    for call in calls.values():  # warm up (first calls, lazy attribute caches)
        timeit.timeit(call, number=number // 10 or 1, timer=time.process_time)
    seconds: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            elapsed = timeit.timeit(call, number=number, timer=time.process_time)
            seconds[name].append(elapsed / number * 1e9)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls (a few seconds)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "resilience.json")
    args = parser.parse_args()
    repeats, number = (5, 10_000) if args.quick else (9, 50_000)
    started = time.perf_counter()
    samples = measure(repeats, number)
    median = {name: statistics.median(values) for name, values in samples.items()}
    baseline = median["baseline"]
    overhead = {name: value - baseline for name, value in median.items() if name != "baseline"}
    print(f"CPU time per call, median of {repeats} repeats of {number:,} calls")
    print(f"{'':<28}{'ns/call':>10}{'overhead ns':>13}")
    for name, value in median.items():
        extra = f"{overhead[name]:>13.0f}" if name in overhead else f"{'':>13}"
        print(f"{name:<28}{value:>10.0f}{extra}")
    targets = []
    for name, ours, peer, maximum in TARGETS:
        ratio = overhead[ours] / overhead[peer]
        passed = ratio <= maximum
        targets.append(
            {"target": name, "ratio": round(ratio, 4), "maximum": maximum, "pass": passed}
        )
        print(f"{'PASS' if passed else 'MISS'}  {name:<40} ratio {ratio:.3f} (<= {maximum:g})")
    elapsed = time.perf_counter() - started
    print(f"\n{elapsed:.1f} s")
    info = machine()
    result = {
        "date": info["date"],
        "machine": info,
        "commit": git_commit(),
        "command": "python bench/bench_resilience.py" + (" --quick" if args.quick else ""),
        "mode": "quick" if args.quick else "full",
        "python": info["python"],
        "pybreaker": importlib.metadata.version("pybreaker"),
        "tenacity": importlib.metadata.version("tenacity"),
        "repeats": repeats,
        "calls_per_repeat": number,
        "timer": "time.process_time (CPU time of the process)",
        "ns_per_call": {name: round(value, 1) for name, value in median.items()},
        "overhead_ns": {name: round(value, 1) for name, value in overhead.items()},
        "targets": targets,
        "seconds": round(elapsed, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
