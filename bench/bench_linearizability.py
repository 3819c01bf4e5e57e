"""Time the linearizability checker on the Jepsen histories of Porcupine's test suite.

Run from the repository root:

    python bench/bench_linearizability.py

Checks the 102 etcd histories that have a verdict (etcd_095.log has none) and the 6 kv
histories in tests/data, each best of 3, prints the totals, the slowest history and the
states explored, and writes bench/results/linearizability.json for the Performance page.
Parsing is timed separately. The histories and their verdicts come from Porcupine's test
suite; Porcupine itself (Go) is not built or run here, so no time of Porcupine is recorded.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from machine import machine

from week4.cap import check_linearizable, parse_jepsen_history

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
OUT = ROOT / "bench" / "results" / "linearizability.json"
REPEATS = 3
COMMAND = "python bench/bench_linearizability.py"


def load() -> dict[str, list[tuple[str, str, bool]]]:
    """(name, text, expected verdict) for every etcd history with a verdict and every kv one."""
    verdicts = dict(
        line.split() for line in (DATA / "jepsen-etcd" / "VERDICTS.txt").read_text().splitlines()
    )
    etcd = [
        (name, (DATA / "jepsen-etcd" / name).read_text(), verdict == "linearizable")
        for name, verdict in sorted(verdicts.items())
    ]
    kv = [
        (path.name, path.read_text(), path.name.endswith("-ok.txt"))
        for path in sorted((DATA / "jepsen-kv").glob("*.txt"))
    ]
    return {"etcd": etcd, "kv": kv}


def bench_suite(model: str, cases: list[tuple[str, str, bool]]) -> dict[str, object]:
    """Best-of-3 check time per history, summed; states explored; verdict agreement."""
    rows = []
    parse_total = 0.0
    for name, text, expected in cases:
        start = time.perf_counter()
        history = parse_jepsen_history(text)
        parse_total += time.perf_counter() - start
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = check_linearizable(history, model)
            best = min(best, time.perf_counter() - start)
        rows.append(
            {
                "history": name,
                "operations": len(history),
                "linearizable": result.linearizable,
                "agrees": result.linearizable is expected,
                "states_explored": result.states_explored,
                "seconds": round(best, 6),
            }
        )
    slowest = max(rows, key=lambda row: float(str(row["seconds"])))
    return {
        "histories": len(rows),
        "total_s": round(sum(float(str(row["seconds"])) for row in rows), 4),
        "max_s": slowest["seconds"],
        "max_history": slowest["history"],
        "states_explored": sum(int(str(row["states_explored"])) for row in rows),
        "verdicts_agree": all(row["agrees"] for row in rows),
        "parse_total_s": round(parse_total, 4),
        "per_history": rows,
    }


def main() -> int:
    suites = load()
    info = machine()
    busy = info.get("load_average")
    summary: dict[str, object] = {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "date": info["date"],
        "machine": info,
        "commit": info["commit"],
        "dirty": info["dirty"],
        "command": COMMAND,
        "repeats": REPEATS,
        "etcd": bench_suite("register", suites["etcd"]),
        "kv": bench_suite("kv", suites["kv"]),
        "notes": (
            f"Load average {busy} on {info['cores']} cores while measuring: "
            "other processes shared the CPUs, so the times are noisy (best of "
            f"{REPEATS} per history mitigates it)."
            if busy and busy[0] > (info["cores"] or 1)
            else ""
        ),
    }
    print(f"Linearizability checker, {summary['python']}, best of {REPEATS} per history")
    for label in ("etcd", "kv"):
        suite = summary[label]
        assert isinstance(suite, dict)
        print(
            f"  {label:<4} {suite['histories']:>3} histories: total {suite['total_s']:.3f} s, "
            f"max {suite['max_s']:.4f} s ({suite['max_history']}), "
            f"{suite['states_explored']} states explored, parse {suite['parse_total_s']:.3f} s, "
            f"verdicts agree: {suite['verdicts_agree']}"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"Wrote {OUT.relative_to(ROOT)}")
    etcd, kv = summary["etcd"], summary["kv"]
    assert isinstance(etcd, dict)
    assert isinstance(kv, dict)
    return 0 if etcd["verdicts_agree"] and kv["verdicts_agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
