import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/linearizability.json")
# Porcupine (Go) is not run by the benchmark: these are reference figures, measured earlier
# on the same kind of machine (2 cores), used when the results file does not carry them.
REFERENCE = {"etcd_total_s": 0.55, "kv_total_s": 0.3}
SUITES = [("etcd", "etcd (register)", "etcd_total_s"), ("kv", "kv (get/put/append)", "kv_total_s")]


def seconds(value):
    return "—" if value is None else f"{value:.3f}"


if not path.exists():
    print("!!! note\n    No measurement yet: run `python bench/bench_linearizability.py`.")
else:
    r = json.loads(path.read_text())
    reference = {**REFERENCE, **r.get("porcupine_reference", {})}
    when = f"Measured {r['date']}, " if r.get("date") else "Measured "
    machine = r.get("machine")
    if isinstance(machine, dict):
        machine = f"{machine.get('cores', '?')} cores ({machine.get('cpu', '?')})"
    print(
        f"{when}with {r.get('python', 'Python')} on {machine}; each history's check is the best "
        f"of {r.get('repeats', '?')} runs.\n"
    )
    rows, parsing = [], []
    for key, label, ref in SUITES:
        suite = r.get(key)
        if not suite:
            continue
        slowest = Path(suite["max_history"]).stem
        rows.append(
            [
                label,
                suite["histories"],
                seconds(suite["total_s"]),
                f"{seconds(suite['max_s'])} ({slowest})",
                suite["states_explored"],
                "✓" if suite["verdicts_agree"] else "✗",
                seconds(reference.get(ref)),
            ]
        )
        if suite.get("parse_total_s") is not None:
            parsing.append(f"{seconds(suite['parse_total_s'])} s for the {key} files")
    header = [
        "Jepsen histories",
        "count",
        "week4: total (s)",
        "slowest (s)",
        "states explored",
        "verdicts agree",
        "Porcupine: total (s), reference",
    ]
    print(Table(header, rows).to_markdown())
    if parsing:
        print(f"\nParsing the histories is not included: {' and '.join(parsing)}.")
    print(
        "\nThe Porcupine column holds **reference figures**, not measurements of this run: "
        "Porcupine's total for the same histories, measured earlier on the same kind of "
        "machine. Porcupine is written in Go; the benchmark does not build or run it."
    )
