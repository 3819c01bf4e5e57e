"""The retry storm under every policy: goodput before and long after the spike, and charts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from week4.errors import ParameterError
from week4.render.charts import Series, line_chart
from week4.render.tables import Table
from week4.resilience.figures.layers import layers_table
from week4.resilience.simulations.layers import LayeredRun
from week4.resilience.simulations.policies import storm_policies
from week4.resilience.simulations.storm import StormRun, StormSetup, run_storm
from week4.scenarios.result import Result

#: Attempts the sweep may simulate (about 30 µs each on a shared 2-core machine).
MAX_ATTEMPTS = 600_000

#: The policies the charts draw (the table shows them all).
CHARTED = ("no retries", "retries", "jitter + budget + breaker")


@dataclass(frozen=True)
class Storm:
    """Every policy's run through the same spike."""

    setup: StormSetup
    runs: list[StormRun]

    @property
    def rate_per_s(self) -> float:
        """The users' usual rate (requests per second)."""
        return self.setup.load * self.setup.capacity_per_ms * 1000.0

    @property
    def after(self) -> tuple[float, float]:
        """The window "long after the spike": the second half of the time after it."""
        end = self.setup.duration
        return (self.setup.spike_end + end) / 2, end

    def before_share(self, run: StormRun) -> float:
        """The share of requests started before the spike that succeeded."""
        return run.success_share(0.0, self.setup.spike_start)

    def after_share(self, run: StormRun) -> float:
        """The share of requests started long after the spike that succeeded."""
        return run.success_share(*self.after)

    def run(self, policy: str) -> StormRun:
        """The run of one policy, by name."""
        return next(r for r in self.runs if r.policy == policy)


def check_storm(setup: StormSetup, attempts: int) -> None:
    """Refuse, in one line, settings that would take too long or leave no "after" window."""
    if setup.spike_end > setup.duration / 2:
        raise ParameterError(
            f"invalid combination spike_start={setup.spike_start:g}, "
            f"spike_ms={setup.spike_ms:g}, duration={setup.duration:g}: the spike must end "
            "by half the duration, so that there is an 'after' to watch"
        )
    policies = len(storm_policies(100.0, attempts))
    requests = setup.load * setup.capacity_per_ms * setup.duration
    requests += setup.load * setup.capacity_per_ms * setup.spike_ms * (setup.spike_factor - 1)
    if requests * attempts * policies > MAX_ATTEMPTS:
        raise ParameterError(
            f"invalid combination workers={setup.workers}, duration={setup.duration:g}, "
            f"attempts={attempts}: about {requests * attempts * policies:,.0f} attempts to "
            f"simulate, more than {MAX_ATTEMPTS:,}; lower one of them"
        )


def run_all(seed: int, setup: StormSetup, *, timeout: float, attempts: int) -> Storm:
    """Every policy through the same users, server and spike (same seed)."""
    check_storm(setup, attempts)
    return Storm(setup, [run_storm(seed, setup, p) for p in storm_policies(timeout, attempts)])


def storm_table(storm: Storm) -> Table:
    """Requests that succeeded before and long after the spike, attempts, wasted answers."""
    since, _ = storm.after
    rows: list[Sequence[object]] = []
    for run in storm.runs:
        requests = len(run.finished)
        rows.append(
            [
                run.policy,
                f"{storm.before_share(run):.0%}",
                f"{storm.after_share(run):.0%}",
                f"{run.attempts / requests:.2f}" if requests else "0",
                run.late_answers,
            ]
        )
    return Table(
        ["policy", "ok before", f"ok from {since / 1000:g} s", "attempts/request", "wasted"],
        rows,
    )


def _series(data: dict[str, Any], values: str) -> list[Series]:
    times = [t / 1000.0 for t in data["times"]]
    return [
        Series(p["policy"], times, p[values]) for p in data["policies"] if p["policy"] in CHARTED
    ]


def goodput_chart(data: dict[str, Any]) -> str:
    """Goodput over time for the charted policies, from a ``retry-storm`` result's data."""
    s = data["setup"]
    return line_chart(
        _series(data, "goodput"),
        title=f"Goodput; spike from {s['spike_start'] / 1000:g} s to {s['spike_end'] / 1000:g} s",
        x_label="time (s)",
        y_label="successful requests per second",
    )


def offered_chart(data: dict[str, Any]) -> str:
    """Attempts reaching the server over time, from a ``retry-storm`` result's data."""
    capacity = data["setup"]["capacity_per_s"]
    return line_chart(
        _series(data, "offered"),
        title=f"Load on the server (capacity {capacity:g} per second)",
        x_label="time (s)",
        y_label="attempts arriving per second",
    )


def storm_data(storm: Storm) -> dict[str, Any]:
    """JSON-ready timelines and shares of every policy."""
    setup = storm.setup
    return {
        "setup": {
            "spike_start": setup.spike_start,
            "spike_end": setup.spike_end,
            "capacity_per_s": round(setup.capacity_per_ms * 1000, 3),
            "rate_per_s": round(storm.rate_per_s, 3),
            "after": list(storm.after),
        },
        "times": storm.runs[0].times if storm.runs else [],
        "policies": [
            {
                "policy": r.policy,
                "goodput": r.goodput,
                "offered": r.offered,
                "ok_before": round(storm.before_share(r), 4),
                "ok_after": round(storm.after_share(r), 4),
                "attempts": r.attempts,
                "late_answers": r.late_answers,
                "breaker_states": [[round(t, 1), state] for t, state in r.states],
            }
            for r in storm.runs
        ],
    }


def storm_result(storm: Storm, chain: LayeredRun) -> Result:
    """The scenario's result: goodput per policy, and the calls along the layered chain."""
    setup = storm.setup
    layers, attempts = chain.layers, chain.attempts
    metrics: dict[str, int | float | str | bool | None] = {
        "users' rate (per second)": round(storm.rate_per_s, 1),
        "server capacity (per second)": round(setup.capacity_per_ms * 1000, 1),
        **{
            f"succeeded long after the spike, {r.policy} (%)": round(100 * storm.after_share(r), 1)
            for r in storm.runs
        },
        f"calls reaching the database, {layers} layers x {attempts} attempts": chain.received[-1],
    }
    notes = [
        "Long after the spike means the requests started in the second half of the time "
        f"after it (from {storm.after[0] / 1000:g} s on).",
        "The server serves every request it accepted, even one whose caller has given up: "
        "those answers are wasted work.",
    ]
    tables = {
        "requests that succeeded, per policy": storm_table(storm),
        "calls received along the chain": layers_table(chain),
    }
    data = {
        **storm_data(storm),
        "layers": dict(zip(chain.nodes, chain.received, strict=True)),
    }
    return Result(metrics=metrics, tables=tables, notes=notes, data=data)
