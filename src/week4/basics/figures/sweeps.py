"""Parameter sweeps over the simulator's scenarios, for charts and explorable figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from week4 import scenarios
from week4.render.charts import Series


def lossy_link_grid(
    seed: int, losses: Sequence[float], latencies: Sequence[float], count: int = 100
) -> dict[str, Any]:
    """Run ``lossy-link`` for every (loss, latency) pair; JSON-ready results by key.

    Returns:
        ``{"losses": [...], "latencies": [...], "results": {"<loss>|<latency>": metrics}}``.
    """
    scenario = scenarios.get("lossy-link")
    results: dict[str, dict[str, Any]] = {}
    for loss in losses:
        for latency in latencies:
            run = scenario.run(seed, count=count, loss=loss, latency=latency)
            results[f"{loss:g}|{latency:g}"] = dict(run.metrics)
    return {"losses": list(losses), "latencies": list(latencies), "results": results}


def success_by_loss(seed: int, losses: Sequence[float], count: int = 200) -> list[Series]:
    """Measured success rate against the ``(1 - loss)^2`` expectation, as chart series."""
    scenario = scenarios.get("lossy-link")
    rates = [
        scenario.run(seed, count=count, loss=loss, timeout=10_000.0).metrics["success rate (%)"]
        for loss in losses
    ]
    measured = [float(rate) / 100 for rate in rates]  # type: ignore[arg-type]
    expected = [(1 - loss) ** 2 for loss in losses]
    return [
        Series("measured", list(losses), measured),
        Series("expected (1 - loss)²", list(losses), expected),
    ]
