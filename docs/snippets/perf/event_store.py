import datetime
import json
from pathlib import Path

path = Path("bench/results/event_store.json")

WHO = [("ours", "week4"), ("eventsourcing", "eventsourcing"), ("raw", "raw sqlite3")]
# (what was timed, the results key of each column: week4, eventsourcing, raw sqlite3)
WORKLOADS = [
    ("append 1,000 events, one transaction", "batch/ours", "batch/eventsourcing", "batch/raw"),
    ("load a 1,000-event aggregate", "replay-aggregate/ours", "replay/eventsourcing", None),
    ("read a 1,000-event stream", "replay/ours", None, "replay/raw"),
    (
        "one event per transaction, NORMAL",
        "per-tx-NORMAL/ours",
        "per-tx-NORMAL/eventsourcing",
        "per-tx-NORMAL/raw",
    ),
    (
        "one event per transaction, FULL",
        "per-tx-FULL/ours",
        "per-tx-FULL/eventsourcing",
        "per-tx-FULL/raw",
    ),
]


def table(header, rows, right):
    """A Markdown table; the columns flagged in ``right`` are right-aligned."""
    rule = ["---:" if r else ":---" for r in right]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def rate(value):
    return f"{value:,}" if value else "—"


def provenance(r):
    """When, on what, at which commit and with which command the figures were measured."""
    when = datetime.datetime.fromisoformat(r["date"]).astimezone(datetime.UTC)
    machine = r.get("machine") or {}
    where = r["platform"]
    if machine:
        where = f"{machine['cores']} cores ({machine['cpu']}), {machine['platform']}"
    commit = f"`{(r.get('commit') or 'unknown')[:7]}`"
    if r.get("dirty"):
        commit += ", with uncommitted changes"
    command = r.get("command", "python bench/bench_event_store.py")
    return (
        f"Measured {when:%Y-%m-%d %H:%M} UTC on {where}: Python {r['python']}, "
        f"SQLite {r['sqlite']}, eventsourcing {r['eventsourcing']}, commit {commit}, "
        f"by `{command}`; the median of {r['runs']} runs, on a real disk."
    )


if not path.exists():
    print("!!! note\n    No measurement yet: run `make bench`.")
else:
    r = json.loads(path.read_text())
    rates = r["events_per_second"]
    print(provenance(r) + "\n")
    if r.get("notes"):
        print(f'!!! note "A busy machine"\n    {r["notes"]}\n')
    rows = [[label, *(rate(rates.get(key)) for key in keys)] for label, *keys in WORKLOADS]
    header = ["events per second", *(name for _, name in WHO)]
    print(table(header, rows, [False, True, True, True]))
    print("\n**Side by side**, the same work on each side (how many times as fast):\n")
    rows = [[c["comparison"], f"{c['ratio']:.2f}×"] for c in r.get("comparisons", [])]
    print(table(["week4 against", "ratio"], rows, [False, True]))
    print()
    print(
        "**What `synchronous=FULL` costs** (one event per transaction; FULL waits for the "
        "disk at every commit):\n"
    )
    rows = []
    for who, name in WHO:
        normal, full = rates.get(f"per-tx-NORMAL/{who}"), rates.get(f"per-tx-FULL/{who}")
        if normal and full:
            rows.append([name, rate(normal), rate(full), f"{normal / full:.1f}×"])
    print(table(["", "NORMAL", "FULL", "NORMAL is faster by"], rows, [False, True, True, True]))
    sync = r.get("library_synchronous", {})
    if sync:
        print(
            f"\nThe eventsourcing library was checked to run at the level asked for "
            f"(`PRAGMA synchronous` read back: {sync.get('NORMAL')} in the NORMAL run, "
            f"{sync.get('FULL')} in the FULL run; 1 is NORMAL, 2 is FULL)."
        )
    snap = r.get("rehydration")
    if snap:
        print(
            f"\n**Rehydrating one account of {snap['events']:,} events** (SQLite store, "
            f"median of {r['runs']} loads; the event sourcing chapter counts the same loads in "
            "events read):\n"
        )
        rows = [
            [
                label,
                f"{snap['events_read'][key]:,}",
                f"{snap['milliseconds'][key]:.2f}",
            ]
            for key, label in (
                ("without", "fold the whole stream"),
                ("with", f"latest snapshot (one every {snap['snapshot_every']}), then the rest"),
            )
        ]
        print(table(["load", "events read", "milliseconds"], rows, [False, True, True]))
