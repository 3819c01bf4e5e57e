import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/resilience.json")
# (results key, what was timed)
ROWS = [
    ("baseline", "a bare call (the baseline)"),
    ("breaker/week4", "week4 `CircuitBreaker.call`, count window of 100"),
    ("breaker/pybreaker", "pybreaker `CircuitBreaker.call`"),
    ("breaker/week4-time-window", "week4 `CircuitBreaker.call`, time window (reads the clock)"),
    ("retry/week4", "week4 `@Retry(max_attempts=3)`"),
    ("retry/week4-call", "week4 `Retry.call`"),
    ("retry/tenacity", "tenacity `@retry(stop=stop_after_attempt(3))`"),
]


def ns(value):
    return None if value is None else round(value)


if not path.exists():
    print("!!! note\n    No measurement yet: run `python bench/bench_resilience.py`.")
else:
    r = json.loads(path.read_text())
    machine = r["machine"]
    commit = r.get("commit", "unknown")
    commit = commit[:12] + ("-dirty" if commit.endswith("-dirty") else "")
    print(
        f"Measured {r['date']} on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['implementation']} {r['python']}, pybreaker {r['pybreaker']}, "
        f"tenacity {r['tenacity']}, at commit `{commit}`, by `{r['command']}`: "
        f"the median of {r['repeats']} repeats of {r['calls_per_repeat']:,} calls each, in "
        f"{'CPU time' if 'process_time' in r.get('timer', '') else 'wall-clock time'}. "
        "Overhead is the time per call minus the baseline's.\n"
    )
    per_call, overhead = r["ns_per_call"], r["overhead_ns"]
    rows = [[label, ns(per_call.get(key)), ns(overhead.get(key))] for key, label in ROWS]
    print(Table(["one successful call", "ns per call", "overhead (ns)"], rows).to_markdown())
    print()
    rows = [
        [t["target"], f"{t['ratio']:.3f}", f"{t['maximum']:g}", "PASS" if t["pass"] else "MISS"]
        for t in r["targets"]
    ]
    print(Table(["target", "measured ratio", "at most", "result"], rows).to_markdown())
