"""Where keys land and what moves: modulo growth, balance, movement and hot keys."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from week4.errors import ParameterError
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result
from week4.sharding.analysis import (
    STRATEGY_ORDER,
    add_and_remove,
    balance_by_strategy,
    balance_by_vnodes,
    hot_keys,
    jump_paper_claim,
    load_of,
    minimal_fraction,
    modulo_moved_fraction,
    salted_load,
    uniform_keys,
    zipf_keys,
)
from week4.sharding.figures.tables import balance_table, movement_table, percent
from week4.sharding.strategies import KeyBatch, make_strategy, shard_names

CHAPTER = "sharding"
Metrics = dict[str, int | float | str | bool | None]
KEYS = Param("keys", 100_000, "keys looked up", minimum=1000, maximum=1_000_000)
SHARDS = Param("shards", 10, "shards before the change", minimum=2, maximum=100)


@scenario(
    "shard-modulo-growth",
    chapter=CHAPTER,
    title="user_id % shard_count: what one more shard costs",
    description="The original demo: route user ids by modulo, then add shards and count moves.",
    params=(
        Param("users", 100_000, "user ids 1..users", minimum=10, maximum=1_000_000),
        Param("before", 10, "shards before", minimum=1, maximum=1000),
        Param("after", 11, "shards after", minimum=1, maximum=1000),
    ),
)
def modulo_growth(seed: int, *, users: int, before: int, after: int) -> Result:  # noqa: ARG001
    """Count the user ids whose shard ``user_id % shard_count`` changes."""
    if before == after:
        raise ParameterError(f"before and after must differ, both are {before}")
    moved = sum(1 for user in range(1, users + 1) if user % before != user % after)
    metrics: Metrics = {
        "users": users,
        "moved": moved,
        "moved (%)": percent(moved / users),
        "modulo's theory: 1 - min/lcm": percent(modulo_moved_fraction(before, after)),
        "the least any scheme must move": percent(minimal_fraction(before, after)),
    }
    sample = Table(
        ["user id", f"shard of {before}", f"shard of {after}", "moves"],
        [
            [u, u % before, u % after, "yes" if u % before != u % after else "no"]
            for u in range(1, 11)
        ],
    )
    return Result(metrics=metrics, tables={"the first ten users": sample})


@scenario(
    "shard-balance",
    chapter=CHAPTER,
    title="Balance: keys per shard for every strategy",
    description="Max/mean load and the coefficient of variation, per strategy and per vnodes.",
    params=(
        KEYS,
        SHARDS,
        Param("skew", "uniform", "key popularity", choices=("uniform", "zipf")),
        Param("exponent", 1.1, "Zipf exponent (skew=zipf)", minimum=0.0, maximum=3.0),
    ),
)
def balance(seed: int, *, keys: int, shards: int, skew: str, exponent: float) -> Result:
    """Route the same keys with every strategy; then the ring with more and more vnodes."""
    batch = _keys(seed, keys, skew, exponent)
    loads = balance_by_strategy(shard_names(shards), batch)
    vnodes = [v for v in (1, 4, 16, 64, 256, 1024) if v * shards <= 100_000]
    by_vnodes = balance_by_vnodes(shard_names(shards), batch, vnodes)
    metrics: Metrics = {
        "keys": keys,
        "shards": shards,
        "best max/mean": min(round(x.max_over_mean, 3) for x in loads),
        "worst max/mean": max(round(x.max_over_mean, 3) for x in loads),
    }
    ring = Table(
        ["vnodes per shard", "max/mean", "CV"],
        [[v, round(x.max_over_mean, 3), round(x.cv, 3)] for v, x in by_vnodes],
    )
    data: dict[str, Any] = {
        "counts": {x.strategy: list(x.counts) for x in loads},
        "vnodes": [[v, x.max_over_mean, x.cv] for v, x in by_vnodes],
    }
    tables = {"per strategy": balance_table(loads), "the ring, by virtual nodes": ring}
    return Result(metrics=metrics, tables=tables, data=data)


@scenario(
    "shard-movement",
    chapter=CHAPTER,
    title="Movement: keys that change shard when one is added or removed",
    description="The measured share of keys moved, per strategy, beside the ideal 1/(N+1).",
    params=(KEYS, SHARDS),
)
def movement(seed: int, *, keys: int, shards: int) -> Result:
    """Add a shard, remove the last one, and (at 10 shards) grow 10 → 12 as the jump paper."""
    _check_work(keys, shards)
    batch = KeyBatch(uniform_keys(keys, random.Random(seed)))
    rows = [
        add_and_remove(make_strategy(n, shard_names(shards)), batch, "new") for n in STRATEGY_ORDER
    ]
    metrics: Metrics = {"keys": keys, "shards": shards, "ideal N → N+1": percent(1 / (shards + 1))}
    tables = {"moved per strategy": movement_table(rows)}
    if shards == 10:
        claim = jump_paper_claim([make_strategy("jump", shard_names(10))], batch)[0]
        metrics["jump 10 → 12 moved"] = percent(claim.fraction)
        metrics["the paper's claim"] = percent(1 / 6)
    data = {ms[0].strategy: [m.fraction for m in ms] for ms in rows}
    return Result(metrics=metrics, tables=tables, data=data)


@scenario(
    "shard-hot-keys",
    chapter=CHAPTER,
    title="Hot keys: one popular key overloads its shard, whatever the hash",
    description="Zipf requests on every strategy, then the hottest keys salted over sub-keys.",
    params=(
        KEYS,
        SHARDS,
        Param("exponent", 1.1, "Zipf exponent", minimum=0.0, maximum=3.0),
        Param("fanout", 8, "sub-keys per salted hot key", minimum=1, maximum=1024),
        Param("hot", 3, "hottest keys salted", minimum=1, maximum=100),
    ),
)
def hot(seed: int, *, keys: int, shards: int, exponent: float, fanout: int, hot: int) -> Result:
    """Measure the busiest shard before and after salting the ``hot`` hottest keys."""
    _check_work(keys, shards)
    requests = zipf_keys(keys, random.Random(seed), exponent=exponent, universe=10_000)
    found = hot_keys(requests, shards, top=hot)
    hottest = [k for k, _ in found.hottest]
    batch = KeyBatch(requests)
    rows: list[Sequence[object]] = []
    for name in STRATEGY_ORDER:
        strategy = make_strategy(name, shard_names(shards))
        plain = load_of(strategy, batch)
        salted = salted_load(strategy, requests, hottest, fanout)
        rows.append([name, round(plain.max_over_mean, 3), round(salted.max_over_mean, 3)])
    metrics: Metrics = {
        "requests": keys,
        "hottest key": hottest[0],
        "its share of requests": percent(found.hottest[0][1] / keys),
        "floor on max/mean (share x N)": round(found.floor, 3),
    }
    table = Table(["strategy", "max/mean", f"salted x{fanout}"], rows)
    return Result(metrics=metrics, tables={"busiest shard over the mean": table})


def _check_work(keys: int, shards: int) -> None:
    """Refuse, in one line, the combinations that would take much longer than 30 s."""
    if keys * shards > 20_000_000:
        raise ParameterError(
            f"keys x shards must be at most 20,000,000, got {keys} x {shards}: fewer keys or shards"
        )


def _keys(seed: int, count: int, skew: str, exponent: float) -> KeyBatch:
    rng = random.Random(seed)
    if skew == "zipf":
        return KeyBatch(zipf_keys(count, rng, exponent=exponent, universe=100_000))
    return KeyBatch(uniform_keys(count, rng))
