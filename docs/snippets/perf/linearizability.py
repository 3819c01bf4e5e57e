import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/linearizability.json")
SUITES = [("etcd", "etcd (register)"), ("kv", "kv (get/put/append)")]


def seconds(value):
    return "—" if value is None else f"{value:.3f}"


if not path.exists():
    print("!!! note\n    No measurement yet: run `python bench/bench_linearizability.py`.")
else:
    r = json.loads(path.read_text())
    when = f"Measured {r['date']}, " if r.get("date") else "Measured "
    machine = r.get("machine")
    if isinstance(machine, dict):
        machine = f"{machine.get('cores', '?')} cores ({machine.get('cpu', '?')})"
    commit = f"`{(r.get('commit') or 'unknown')[:7]}`"
    if r.get("dirty"):
        commit += ", with uncommitted changes"
    print(
        f"{when}with {r.get('python', 'Python')} on {machine}, commit {commit}, by "
        f"`{r.get('command', 'python bench/bench_linearizability.py')}`; each history's "
        f"check is the best of {r.get('repeats', '?')} runs.\n"
    )
    if r.get("notes"):
        print(f'!!! note "A busy machine"\n    {r["notes"]}\n')
    rows, slowest, parsing = [], [], []
    for key, label in SUITES:
        suite = r.get(key)
        if not suite:
            continue
        rows.append(
            [
                label,
                suite["histories"],
                seconds(suite["total_s"]),
                seconds(suite["max_s"]),
                suite["states_explored"],
                "yes" if suite["verdicts_agree"] else "NO",
            ]
        )
        slowest.append(f"{Path(suite['max_history']).stem} for {key}")
        if suite.get("parse_total_s") is not None:
            parsing.append(f"{seconds(suite['parse_total_s'])} s for the {key} files")
    header = ["histories", "count", "total (s)", "slowest (s)", "states", "verdicts agree"]
    print(Table(header, rows).to_markdown())
    print(f"\nThe slowest histories: {' and '.join(slowest)}.", end="")
    if parsing:
        print(f" Parsing is not included: {' and '.join(parsing)}.")
    else:
        print()
