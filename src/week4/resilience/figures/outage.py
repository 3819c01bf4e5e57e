"""The downstream outage under four caller policies: a table, the load, the breaker's states."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from week4.render.charts import Series, line_chart
from week4.render.tables import Table
from week4.resilience.figures.timeline import Span, spans_from_states, timeline_svg
from week4.resilience.simulations.outage import OutageRun, OutageSetup, run_outage
from week4.resilience.simulations.policies import BreakerSettings, outage_policies
from week4.scenarios.result import Result
from week4.stats import percentile

#: Okabe & Ito colours, legible on light and dark backgrounds.
STATE_COLOURS = {"closed": "#009E73", "open": "#D55E00", "half_open": "#E69F00"}

LEGEND = {"closed": "closed", "open": "open / down", "half_open": "half-open / slow"}


@dataclass(frozen=True)
class Outage:
    """Every policy's run through the same bad day."""

    setup: OutageSetup
    runs: list[OutageRun]

    def run(self, policy: str) -> OutageRun:
        """The run of one policy, by name."""
        return next(r for r in self.runs if r.policy == policy)


def run_all(
    seed: int,
    setup: OutageSetup,
    *,
    timeout: float,
    attempts: int,
    breaker: BreakerSettings,
) -> Outage:
    """The four policies through the same users and downstream (same seed)."""
    policies = outage_policies(timeout, attempts, breaker)
    return Outage(setup, [run_outage(seed, setup, p) for p in policies])


def success_rate(run: OutageRun) -> float:
    """The share of requests that succeeded."""
    return sum(f.outcome == "ok" for f in run.finished) / len(run.finished) if run.finished else 0.0


def latencies(run: OutageRun) -> list[float]:
    """Every request's latency as its user saw it (ms), failures included."""
    return [f.end - f.start for f in run.finished]


def outage_table(outage: Outage) -> Table:
    """Success rate, latency percentiles and the calls the downstream received."""
    rows: list[Sequence[object]] = []
    for run in outage.runs:
        times = latencies(run)
        rows.append(
            [
                run.policy,
                f"{success_rate(run):.1%}",
                f"{percentile(times, 50):.1f}" if times else "—",
                f"{percentile(times, 99):.1f}" if times else "—",
                len(run.arrivals),
            ]
        )
    return Table(["caller", "succeeded", "p50 (ms)", "p99 (ms)", "downstream calls"], rows)


def outcomes_table(outage: Outage) -> Table:
    """How the requests ended, per policy; each row adds up to the requests sent."""
    kinds = ("ok", "error", "timeout", "short-circuited")
    rows: list[Sequence[object]] = []
    for run in outage.runs:
        counts = [sum(f.outcome == k for f in run.finished) for k in kinds]
        rows.append([run.policy, *counts, sum(counts)])
    return Table(["caller", "ok", "error", "timeout", "short-circuited", "requests"], rows)


def load_per_second(run: OutageRun, setup: OutageSetup) -> list[float]:
    """Calls reaching the downstream per second, in buckets of ``setup.bucket`` ms."""
    buckets = int(setup.duration // setup.bucket)
    counts = [0] * buckets
    for t in run.arrivals:
        i = int(t // setup.bucket)
        if i < buckets:
            counts[i] += 1
    return [round(c * 1000.0 / setup.bucket, 3) for c in counts]


def load_chart(data: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    """Calls reaching the downstream per second over time, from a ``breaker-outage`` result.

    Policies named in ``skip`` are left out (a line that would hide under another).
    """
    times = [t / 1000.0 for t in data["times"]]
    series = [
        Series(p["policy"], times, p["load"]) for p in data["policies"] if p["policy"] not in skip
    ]
    return line_chart(
        series,
        title=f"Load on the downstream (users send {data['setup']['rate']:g} per second)",
        x_label="time (s)",
        y_label="calls arriving per second",
    )


def breaker_timeline(data: dict[str, Any]) -> str:
    """The downstream's bad windows, then each breaker's states, from a result's data."""
    s = data["setup"]
    end = data["end"]
    bad = [
        Span(s["outage_start"], s["outage_start"] + s["outage_ms"], "open"),
        Span(s["spike_start"], s["spike_start"] + s["spike_ms"], "half_open"),
    ]
    tracks: dict[str, list[Span]] = {"downstream down / slow": bad}
    for p in data["policies"]:
        if p["breaker_states"]:
            states = [(float(t), str(state)) for t, state in p["breaker_states"]]
            tracks[p["policy"]] = spans_from_states(states, end)
    return timeline_svg(
        tracks,
        STATE_COLOURS,
        end=end,
        title="The breaker's states during the outage",
        legend=LEGEND,
    )


def transitions_table(run: OutageRun) -> Table:
    """When one breaker changed state (virtual time, 0.1 ms)."""
    return Table(["time (ms)", "state"], [[f"{t:.1f}", s.replace("_", "-")] for t, s in run.states])


def outage_data(outage: Outage) -> dict[str, Any]:
    """JSON-ready setup, load timelines, outcomes and breaker states of every policy."""
    s = outage.setup
    end = max([s.duration, *(f.end for r in outage.runs for f in r.finished)])
    return {
        "setup": {
            "rate": s.rate,
            "outage_start": s.outage_start,
            "outage_ms": s.outage_ms,
            "spike_start": s.spike_start,
            "spike_ms": s.spike_ms,
            "spike_factor": s.spike_factor,
        },
        "end": round(end, 1),
        "times": [i * s.bucket for i in range(int(s.duration // s.bucket))],
        "policies": [
            {
                "policy": r.policy,
                "success_rate": round(success_rate(r), 4),
                "p50": round(percentile(latencies(r), 50), 3) if r.finished else None,
                "p99": round(percentile(latencies(r), 99), 3) if r.finished else None,
                "downstream_calls": len(r.arrivals),
                "load": load_per_second(r, s),
                "breaker_states": [[round(t, 1), state] for t, state in r.states],
            }
            for r in outage.runs
        ],
    }


def outage_result(day: Outage, *, timeout: float) -> Result:
    """The scenario's result: success per caller, outcomes, and the breaker's transitions."""
    guarded = day.run("breaker")
    s = day.setup
    metrics: dict[str, int | float | str | bool | None] = {
        "requests per caller": len(guarded.finished),
        **{f"succeeded, {r.policy} (%)": round(100 * success_rate(r), 1) for r in day.runs},
        "times the breaker opened": sum(state == "open" for _, state in guarded.states),
    }
    notes = [
        f"The downstream hangs from {s.outage_start / 1000:g} s for {s.outage_ms:g} ms and is "
        f"{s.spike_factor:g} times slower from {s.spike_start / 1000:g} s to "
        f"{(s.spike_start + s.spike_ms) / 1000:g} s; every caller times an attempt out after "
        f"{timeout:g} ms.",
        "A short-circuited request was refused by the caller's own breaker, without a call.",
    ]
    tables = {
        "four callers, same users": outage_table(day),
        "how the requests ended": outcomes_table(day),
        "the breaker's transitions": transitions_table(guarded),
    }
    return Result(metrics=metrics, tables=tables, notes=notes, data=outage_data(day))
