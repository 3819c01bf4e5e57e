"""The explorable: a ring's load per shard for a grid of shard counts, virtual nodes and skews.

Every setting is computed when the page is built (the same seeded keys for all), so the
figure switches instantly and needs no Python in the browser.
"""

from __future__ import annotations

import random
from typing import Any

from week4.render.charts import Series, bar_chart
from week4.render.explorable import Control, explorable, metrics_html, setting_key
from week4.sharding.analysis import load_of, uniform_keys, zipf_keys
from week4.sharding.strategies import KeyBatch, RingStrategy, shard_names

SHARDS = (4, 8, 16)
VNODES = (1, 10, 100, 1000)
SKEWS = ("uniform", "zipf")


def _view(result: dict[str, Any]) -> str:
    chart = bar_chart(
        [str(i) for i in range(len(result["counts"]))],
        [Series("keys", [], result["counts"])],
        title="Keys per shard on the ring",
        x_label="shard",
        y_label="keys",
    )
    return chart + metrics_html(result["metrics"])


def explore_ring(seed: int = 1, keys: int = 20_000) -> str:
    """The HTML of the explorable figure (shard count x virtual nodes x skew)."""
    rng = random.Random(seed)
    batches = {
        "uniform": KeyBatch(uniform_keys(keys, rng)),
        "zipf": KeyBatch(zipf_keys(keys, rng, exponent=1.1, universe=10_000)),
    }
    results: dict[str, dict[str, Any]] = {}
    for shards in SHARDS:
        for vnodes in VNODES:
            for skew in SKEWS:
                load = load_of(RingStrategy(shard_names(shards), vnodes=vnodes), batches[skew])
                results[setting_key(shards, vnodes, skew)] = {
                    "counts": list(load.counts),
                    "metrics": {
                        "keys": load.total,
                        "busiest shard": max(load.counts),
                        "max/mean": round(load.max_over_mean, 3),
                        "CV": round(load.cv, 3),
                    },
                }
    return explorable(
        "ring-balance",
        "Keys per shard on a consistent-hash ring",
        [
            Control.slider("shards", "Shards", SHARDS, default=8),
            Control.slider("vnodes", "Virtual nodes per shard", VNODES, default=100),
            Control.select("skew", "Keys", SKEWS),
        ],
        results,
        _view,
        summary=lambda r: f"the busiest shard has {r['metrics']['max/mean']}x the mean",
    )
