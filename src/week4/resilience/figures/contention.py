"""The backoff contention experiment, swept over client counts and seeds, as records and charts.

Every record is one seeded run of one strategy at one client count, so ``--json`` carries
the raw measurements and a reader can average them another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from week4.errors import ParameterError
from week4.render.charts import Series, line_chart
from week4.render.tables import Table
from week4.resilience.simulations.backoffs import STRATEGIES, make_wait
from week4.resilience.simulations.contention import run_contention
from week4.scenarios.result import Result

#: Work units of one run: the square of its client count, summed over the sweep, times the
#: runs. About 600,000 take some 20 s on a shared 2-core machine (a run's calls grow with
#: the square of the clients when nobody backs off).
MAX_WORK = 600_000


def client_counts(clients: int) -> list[int]:
    """The client counts swept up to ``clients``: 10, 20, ... and ``clients`` itself."""
    return sorted({*range(10, clients, 10), clients})


def check_work(clients: int, runs: int) -> None:
    """Refuse a sweep that would take more than about 20 seconds, in one line."""
    work = runs * sum(n * n for n in client_counts(clients))
    if work > MAX_WORK:
        most = max(1, MAX_WORK // sum(n * n for n in client_counts(clients)))
        raise ParameterError(
            f"invalid combination clients={clients}, runs={runs}: too slow to simulate; "
            f"with clients={clients} use runs <= {most}"
        )


def contention_records(
    seed: int, *, clients: int, runs: int, base: float, cap: float
) -> list[dict[str, Any]]:
    """One record per run, strategy and client count: calls and completion time.

    Run ``r`` of every strategy uses the seed ``seed * 1000 + r``, so the strategies meet
    the same network delays at first (common random numbers).
    """
    records = []
    for count in client_counts(clients):
        for strategy in STRATEGIES:
            wait = make_wait(strategy, base=base, cap=cap)
            for run in range(runs):
                result = run_contention(seed * 1000 + run, clients=count, wait=wait)
                records.append(
                    {
                        "strategy": strategy,
                        "clients": count,
                        "run": run,
                        "total_calls": result.total_calls,
                        "completion_time": round(result.completion_time, 1),
                    }
                )
    return records


def means(records: Sequence[dict[str, Any]], key: str) -> dict[tuple[str, int], float]:
    """The mean of ``key`` per (strategy, clients)."""
    sums: dict[tuple[str, int], list[float]] = {}
    for record in records:
        sums.setdefault((record["strategy"], record["clients"]), []).append(record[key])
    return {k: sum(v) / len(v) for k, v in sums.items()}


def means_table(records: Sequence[dict[str, Any]], clients: int) -> Table:
    """Mean calls and completion time per strategy at one client count."""
    calls = means(records, "total_calls")
    times = means(records, "completion_time")
    return Table(
        ["strategy", "mean calls", "mean completion (ms)"],
        [[s, f"{calls[s, clients]:.1f}", f"{times[s, clients]:.1f}"] for s in STRATEGIES],
    )


def chart(records: Sequence[dict[str, Any]], key: str, *, title: str, y_label: str) -> str:
    """A line per strategy: the mean of ``key`` against the number of clients."""
    values = means(records, key)
    counts = sorted({c for _, c in values})
    series = [
        Series(s, [float(c) for c in counts], [values[s, c] for c in counts]) for s in STRATEGIES
    ]
    return line_chart(series, title=title, x_label="clients contending", y_label=y_label)


def contention_result(records: list[dict[str, Any]], clients: int, runs: int) -> Result:
    """The scenario's result: mean calls per strategy at ``clients``, and every record."""
    calls = means(records, "total_calls")
    metrics: dict[str, int | float | str | bool | None] = {
        "clients (largest)": clients,
        "runs per strategy and client count": runs,
        **{f"mean calls, {s}": round(calls[s, clients], 1) for s in STRATEGIES},
        "exponential makes more calls than full jitter": (
            calls["exponential", clients] > calls["full-jitter", clients]
        ),
        "equal jitter makes more calls than full jitter": (
            calls["equal-jitter", clients] > calls["full-jitter", clients]
        ),
    }
    notes = [
        "Every client writes the row once: it reads the version, writes on that version, "
        "and after a lost write waits for its strategy's backoff before reading again.",
        "`--json` lists every run in data.records (strategy, clients, run, total_calls, "
        "completion_time).",
    ]
    return Result(
        metrics=metrics,
        tables={f"{clients} clients, mean of {runs} runs": means_table(records, clients)},
        notes=notes,
        data={"records": records},
    )


def relative_chart(records: Sequence[dict[str, Any]]) -> str:
    """A line per strategy: its mean writes as a percentage more than full jitter's.

    Full jitter itself is the flat line at 0, so every strategy keeps its colour.
    """
    calls = means(records, "total_calls")
    counts = sorted({c for _, c in calls})
    series = [
        Series(
            s,
            [float(c) for c in counts],
            [100.0 * (calls[s, c] / calls["full-jitter", c] - 1.0) for c in counts],
        )
        for s in STRATEGIES
    ]
    return line_chart(
        series,
        title="Extra writes compared with full jitter",
        x_label="clients contending",
        y_label="more writes than full jitter (%)",
    )
