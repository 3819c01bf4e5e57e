"""The explorable figure's data: the outage under a grid of failure rates, thresholds, waits.

Every setting runs the ``breaker-outage`` day (same seed) with one caller that retries with
the chosen wait and guards its calls with a breaker at the chosen failure-rate threshold,
next to a caller with no protection at the same failure rate. The page precomputes the
whole grid at build time; the reader's controls only pick a result.
"""

from __future__ import annotations

from typing import Any

from week4.render.charts import Series, bar_chart
from week4.render.explorable import setting_key
from week4.resilience.figures.outage import latencies, success_rate
from week4.resilience.retry.waits import NoWait
from week4.resilience.simulations.backoffs import make_wait
from week4.resilience.simulations.callers import Policy
from week4.resilience.simulations.outage import OutageRun, OutageSetup, run_outage
from week4.resilience.simulations.policies import BreakerSettings
from week4.stats import percentile

OUTCOMES = ("ok", "error", "timeout", "short-circuited")


def _metrics(run: OutageRun) -> dict[str, Any]:
    counts = {k: sum(f.outcome == k for f in run.finished) for k in OUTCOMES}
    return {
        "succeeded (%)": round(100 * success_rate(run), 1),
        "p99 latency (ms)": round(percentile(latencies(run), 99), 1),
        "calls to the downstream": len(run.arrivals),
        "short-circuited": counts["short-circuited"],
        "times the breaker opened": sum(s == "open" for _, s in run.states),
        "outcomes": [counts[k] for k in OUTCOMES],
    }


def explore_grid(
    seed: int, *, failure_rates: list[float], thresholds: list[float], waits: list[str]
) -> dict[str, dict[str, Any]]:
    """Results by setting key ``failure|threshold|wait``, each with its no-protection twin."""
    results = {}
    plain: dict[float, dict[str, Any]] = {}
    for failure in failure_rates:
        setup = OutageSetup(failure_rate=failure)
        plain[failure] = _metrics(run_outage(seed, setup, Policy("no protection", 1, NoWait())))
        for threshold in thresholds:
            breaker = BreakerSettings(
                failure_rate_threshold=threshold,
                slow_call_duration=50.0,
                slow_call_rate_threshold=0.5,
                wait_duration=500.0,
            ).factory()
            for wait in waits:
                policy = Policy(
                    "breaker + retries",
                    3,
                    make_wait(wait, base=10.0, cap=1000.0),
                    100.0,
                    breaker=breaker,
                )
                result = _metrics(run_outage(seed, setup, policy))
                result["no protection"] = plain[failure]
                results[setting_key(failure, threshold, wait)] = result
    return results


def explore_view(result: dict[str, Any]) -> str:
    """The outcome bars of one setting, with and without protection."""
    positions = list(range(len(OUTCOMES)))
    return bar_chart(
        list(OUTCOMES),
        [
            Series("no protection", positions, result["no protection"]["outcomes"]),
            Series("breaker + retries", positions, result["outcomes"]),
        ],
        title="How the requests ended",
        x_label="outcome of a request",
        y_label="requests",
    )


def shown_metrics(result: dict[str, Any]) -> dict[str, Any]:
    """The metrics the figure lists under the chart (no nested data)."""
    return {k: v for k, v in result.items() if k not in {"outcomes", "no protection"}}


def summary(result: dict[str, Any]) -> str:
    """One sentence on a setting, with its no-protection twin for comparison."""
    plain = result["no protection"]
    return (
        f"{result['succeeded (%)']:g}% succeeded, {result['calls to the downstream']} calls "
        f"to the downstream (no protection: {plain['succeeded (%)']:g}%, "
        f"{plain['calls to the downstream']} calls)"
    )
