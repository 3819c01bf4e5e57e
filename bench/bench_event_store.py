"""Benchmark: week4's SQLite event store vs the eventsourcing library vs raw sqlite3.

Usage: python bench/bench_event_store.py [--quick] [--output PATH]

All three run in the same process, on the same disk, interleaved run by run (so drift in
the machine's load hits them alike), and the median of the runs is kept. What is timed:

* batch append: persisting 1000 ready-made events in one transaction (ours: ``append``;
  library: ``Application.save`` of an aggregate holding 1000 pending events; raw:
  ``json.dumps`` + ``executemany`` between ``BEGIN`` and ``COMMIT``).
* one event per transaction, at ``synchronous=NORMAL`` and ``FULL`` (only the save is
  timed; events are built beforehand).
* replay of a 1000-event stream, like against like: our aggregate load (read, mapper,
  fold) against the library's ``repository.get`` (which does the same), and our store
  read (decoded events, no aggregate) against raw ``SELECT`` + ``json.loads`` per row.

The library exposes no setting for ``PRAGMA synchronous`` (its ``SQLiteConnectionPool``
sets WAL and the busy timeout only; SQLite's default in WAL is FULL), so for the NORMAL
run this script wraps ``SQLiteConnectionPool._create_connection`` to issue the pragma,
and reads it back to prove it took effect.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.sqlite import SQLiteConnectionPool

HERE = Path(__file__).resolve().parent
try:
    import week4  # noqa: F401
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(HERE.parent / "src"))

from machine import machine  # noqa: E402

from week4.event_sourcing import NewEvent, SQLiteEventStore  # noqa: E402
from week4.event_sourcing.aggregates.snapshots import InMemorySnapshotStore  # noqa: E402
from week4.event_sourcing.bank.accounts import account_repository  # noqa: E402
from week4.event_sourcing.bank.domain import ACCOUNT, AccountOpened, Deposited  # noqa: E402

BATCH = 1000
Rates = dict[str, list[float]]


class Account(Aggregate):
    @event("Opened")
    def __init__(self) -> None:
        self.balance_cents = 0

    @event("Deposited")
    def deposit(self, amount_cents: int, currency: str) -> None:
        self.balance_cents += amount_cents
        self.currency = currency


class Bank(Application):
    pass


def payload(i: int) -> dict[str, Any]:
    return {"amount_cents": i, "currency": "EUR"}


def real_disk_dir() -> Path:
    """A temp dir on a real disk: the system one unless it is a RAM file system."""
    base = Path(tempfile.gettempdir()).resolve()
    best, kind = "", ""
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            fields = line.split()
            mount = fields[1]
            if base.is_relative_to(mount) and len(mount) >= len(best):
                best, kind = mount, fields[2]
    except (OSError, IndexError):
        pass
    if kind in ("tmpfs", "ramfs") or base.is_relative_to("/dev/shm"):
        base = HERE
    return Path(tempfile.mkdtemp(prefix="week4-bench-", dir=base))


@contextmanager
def library_synchronous(level: str | None) -> Iterator[None]:
    """Make the library's new connections use ``PRAGMA synchronous=level`` (None: default)."""
    original = SQLiteConnectionPool._create_connection
    if level is None:
        yield
        return

    def create(self: SQLiteConnectionPool) -> Any:
        connection = original(self)
        connection._sqlite_conn.execute(f"PRAGMA synchronous={level}")
        return connection

    SQLiteConnectionPool._create_connection = create  # type: ignore[method-assign]
    try:
        yield
    finally:
        SQLiteConnectionPool._create_connection = original  # type: ignore[method-assign]


def library_app(path: Path) -> Bank:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    env["SQLITE_LOCK_TIMEOUT"] = "5"
    return Bank(env=env)


def library_sync(app: Bank) -> int:
    with app.factory.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
        cursor.execute("PRAGMA synchronous")
        return int(cursor.fetchone()[0])


def raw_connection(path: Path, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream TEXT,"
        " version INTEGER, type TEXT, data TEXT, UNIQUE (stream, version))"
    )
    return conn


RAW_INSERT = "INSERT INTO events (stream, version, type, data) VALUES (?, ?, ?, ?)"


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench_batch_and_replay(tmp: Path, runs: int, rates: Rates) -> None:
    ours = SQLiteEventStore(tmp / "ours.db")
    repo = account_repository(ours)
    raw = raw_connection(tmp / "raw.db", "FULL")
    app = library_app(tmp / "lib.db")
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    payloads = [payload(i) for i in range(BATCH)]
    for run in range(runs + 1):  # run 0 warms up
        stream = f"account-{run}"
        events = [NewEvent("Deposited", p) for p in payloads]
        lib_account = Account()
        for p in payloads[1:]:
            lib_account.deposit(**p)

        def raw_batch(stream: str = stream) -> None:
            rows = [(stream, i, "Deposited", dumps(p)) for i, p in enumerate(payloads, 1)]
            raw.execute("BEGIN")
            raw.executemany(RAW_INSERT, rows)
            raw.execute("COMMIT")

        loads = json.loads
        results = {
            "batch/raw": timed(raw_batch),
            "batch/ours": timed(lambda s=stream, e=events: ours.append(s, e, 0)),
            "batch/eventsourcing": timed(lambda a=lib_account: app.save(a)),
            "replay/raw": timed(
                lambda s=stream, loads=loads: [
                    (v, loads(d))
                    for v, d in raw.execute(
                        "SELECT version, data FROM events WHERE stream = ? ORDER BY version", (s,)
                    )
                ]
            ),
            "replay/ours": timed(lambda s=stream: list(ours.read_stream(s))),
            "replay/eventsourcing": timed(lambda a=lib_account: app.repository.get(a.id)),
        }
        aggregate = f"bank-{run}"
        domain = [AccountOpened("ada"), *(Deposited(**p) for p in payloads[1:])]
        repo.save(aggregate, domain, 0, state=ACCOUNT.fold(domain))
        results["replay-aggregate/ours"] = timed(lambda a=aggregate: repo.load(a))
        if run:
            for key, seconds in results.items():
                rates.setdefault(key, []).append(BATCH / seconds)
    ours.close()
    raw.close()
    app.close()


def bench_snapshots(tmp: Path, runs: int, events: int, every: int) -> dict[str, Any]:
    """Rehydrate one account of ``events`` events, with and without a snapshot every ``every``.

    The account is saved in batches of ``every`` with its state, so the repository takes a
    snapshot at each multiple, then ``every // 2`` events more: a load with snapshots reads
    the latest snapshot and the events after it; without, it folds the whole stream.
    """
    store = SQLiteEventStore(tmp / "snapshots.db")
    snapshots = InMemorySnapshotStore()
    repo = account_repository(store, snapshots, snapshot_every=every)
    stream = "account-snapshots"
    domain = [AccountOpened("ada"), *(Deposited(**payload(i)) for i in range(1, events))]
    domain += [Deposited(**payload(i)) for i in range(every // 2)]
    state = ACCOUNT.initial
    for start in range(0, len(domain), every):
        batch = domain[start : start + every]
        state = ACCOUNT.fold(batch, state)
        repo.save(stream, batch, start, state=state)
    seconds: dict[str, list[float]] = {"with": [], "without": []}
    read: dict[str, int] = {}
    for _ in range(runs + 1):
        for key, use in (("without", False), ("with", True)):
            start_time = time.perf_counter()
            loaded = repo.load(stream, use_snapshot=use)
            seconds[key].append(time.perf_counter() - start_time)
            read[key] = loaded.events_read
    store.close()
    ms = {key: round(statistics.median(values[1:]) * 1000, 3) for key, values in seconds.items()}
    print(
        f"rehydrate {len(domain)} events: without snapshots {ms['without']} ms "
        f"({read['without']} events read); snapshot every {every}: {ms['with']} ms "
        f"({read['with']} events read)"
    )
    return {
        "events": len(domain),
        "snapshot_every": every,
        "milliseconds": ms,
        "events_read": read,
    }


def bench_per_transaction(tmp: Path, level: str, count: int, runs: int, rates: Rates) -> int:
    ours = SQLiteEventStore(tmp / f"ours-{level}.db", synchronous=level)
    raw = raw_connection(tmp / f"raw-{level}.db", level)
    with library_synchronous(level if level != "FULL" else None):
        app = library_app(tmp / f"lib-{level}.db")
        lib_account = Account()
        app.save(lib_account)
        lib_level = library_sync(app)
        dumps = json.JSONEncoder(separators=(",", ":")).encode
        for run in range(runs + 1):
            stream = f"s-{run}"
            events = [[NewEvent("Deposited", payload(i))] for i in range(count)]

            def ours_loop(s: str = stream, evs: list[list[NewEvent]] = events) -> None:
                for version, batch in enumerate(evs):
                    ours.append(s, batch, version)

            def raw_loop(s: str = stream) -> None:
                for i in range(count):
                    raw.execute("BEGIN")
                    raw.execute(RAW_INSERT, (s, i + 1, "Deposited", dumps(payload(i))))
                    raw.execute("COMMIT")

            lib_seconds = 0.0
            for i in range(count):
                lib_account.deposit(**payload(i))
                lib_seconds += timed(lambda: app.save(lib_account))
            results = {
                "raw": timed(raw_loop),
                "ours": timed(ours_loop),
                "eventsourcing": lib_seconds,
            }
            if run:
                for key, seconds in results.items():
                    rates.setdefault(f"per-tx-{level}/{key}", []).append(count / seconds)
        app.close()
    ours.close()
    raw.close()
    return lib_level


COMPARISONS = [  # (what, ours, versus): like against like, the same work on each side
    ("batch append, week4 / eventsourcing", "batch/ours", "batch/eventsourcing"),
    ("batch append, week4 / raw sqlite3", "batch/ours", "batch/raw"),
    (
        "aggregate load, week4 `load` / eventsourcing `repository.get`",
        "replay-aggregate/ours",
        "replay/eventsourcing",
    ),
    ("stream read, week4 / raw sqlite3", "replay/ours", "replay/raw"),
    (
        "one event per transaction at NORMAL, week4 / eventsourcing",
        "per-tx-NORMAL/ours",
        "per-tx-NORMAL/eventsourcing",
    ),
    (
        "one event per transaction at FULL, week4 / raw sqlite3",
        "per-tx-FULL/ours",
        "per-tx-FULL/raw",
    ),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (about 10 s)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "event_store.json")
    args = parser.parse_args()
    runs, normal_n, full_n = (3, 500, 200) if args.quick else (9, 3000, 1000)
    info = machine()
    tmp = real_disk_dir()
    rates: Rates = {}
    started = time.perf_counter()
    try:
        bench_batch_and_replay(tmp, runs, rates)
        lib_normal = bench_per_transaction(tmp, "NORMAL", normal_n, runs, rates)
        lib_full = bench_per_transaction(tmp, "FULL", full_n, runs, rates)
        rehydration = bench_snapshots(tmp, runs, 2000 if args.quick else 10_000, 100)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    median = {key: statistics.median(values) for key, values in rates.items()}
    header = f"events/s (median of {runs} runs)"
    print(f"{header:<32}{'ours':>12}{'eventsourcing':>15}{'raw sqlite3':>13}")
    for name in ("batch", "replay", "replay-aggregate", "per-tx-NORMAL", "per-tx-FULL"):
        cells = []
        for who, width in (("ours", 12), ("eventsourcing", 15), ("raw", 13)):
            value = median.get(f"{name}/{who}")
            cells.append(f"{value:>{width},.0f}" if value else f"{'-':>{width}}")
        print(f"{name:<32}" + "".join(cells))
    print(
        f"\nlibrary PRAGMA synchronous read back: NORMAL run={lib_normal} (1 = NORMAL),"
        f" FULL run={lib_full} (2 = FULL)"
    )
    comparisons = []
    for name, ours_key, other_key in COMPARISONS:
        ratio = median[ours_key] / median[other_key]
        comparisons.append({"comparison": name, "ratio": round(ratio, 3)})
        print(f"{name:<66} {ratio:6.2f}x")
    elapsed = time.perf_counter() - started
    print(f"\n{elapsed:.1f} s")
    busy = info.get("load_average")
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": info,
        "commit": info["commit"],
        "dirty": info["dirty"],
        "command": "python bench/bench_event_store.py" + (" --quick" if args.quick else ""),
        "mode": "quick" if args.quick else "full",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "eventsourcing": importlib.metadata.version("eventsourcing"),
        "runs": runs,
        "batch_size": BATCH,
        "events_per_second": {k: round(v) for k, v in sorted(median.items())},
        "library_synchronous": {"NORMAL": lib_normal, "FULL": lib_full},
        "comparisons": comparisons,
        "rehydration": rehydration,
        "seconds": round(elapsed, 1),
        "notes": (
            f"Load average {busy} on {info['cores']} cores when the run began: other "
            "processes shared the CPUs, so the rates are noisy (the median of the runs, "
            "interleaved, mitigates it)."
            if busy and busy[0] > (info["cores"] or 1)
            else ""
        ),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
