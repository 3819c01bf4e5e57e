"""Time sharding lookups against the peers: uhashring's ring and the jump C extension.

Run from the repository root:

    python bench/bench_sharding.py            # 1,000,000 string keys, 10 shards
    python bench/bench_sharding.py --quick    # 200,000 keys

Per-key lookups are timed in interleaved chunks (ours, the peer, ours, the peer...) so that
load from other processes falls on both sides alike, in CPU time of this process
(``time.process_time``), which a busy machine's other processes do not inflate.

Measured: our ring's ``shard_for`` against ``uhashring.HashRing.get_node`` on the same
string keys, with the balance each gives; our pure-Python ``jump_hash`` and our vectorised
batch (``jump_hash_array``) against the ``jump`` C extension's ``jump.hash`` called per key,
on the same 64-bit hashes; and each strategy's batch lookup. Writes
bench/results/sharding.json for the Performance page.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import jump
import uhashring
from machine import machine

from week4.sharding import KeyBatch, RingStrategy, jump_hash, make_strategy, shard_names
from week4.sharding.analysis import STRATEGY_ORDER, load_of, uniform_keys
from week4.sharding.strategies import jump_hash_array, numpy_available, shards_for

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "sharding.json"
SHARDS = 10
CHUNK = 50_000


def interleaved(keys, *lookups):
    """Nanoseconds per key of each lookup, timed chunk by chunk in turn; and their results."""
    spent = [0.0] * len(lookups)
    results = [[] for _ in lookups]
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        for i, lookup in enumerate(lookups):
            began = time.process_time()
            out = [lookup(k) for k in chunk]
            spent[i] += time.process_time() - began
            results[i].extend(out)
    return [s / len(keys) * 1e9 for s in spent], results


def balance(names):
    counts = Counter(names)
    values = [counts.get(f"s{i}", 0) for i in range(SHARDS)]
    mean = statistics.fmean(values)
    return {
        "max_over_mean": round(max(values) / mean, 4),
        "cv": round(statistics.pstdev(values) / mean, 4),
    }


def best_ns(function, count, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        function()
        best = min(best, time.process_time() - began)
    return best / count * 1e9


def git_commit():
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def main(argv):
    if not numpy_available():
        print("numpy is needed for the batch figures (pip install numpy)")
        return 1
    count = 200_000 if "--quick" in argv else 1_000_000
    names = list(shard_names(SHARDS))
    keys = uniform_keys(count, random.Random(1))
    ring = RingStrategy(names)
    peer = uhashring.HashRing(nodes=names)
    (ours_ns, peer_ns), (ours_names, peer_names) = interleaved(keys, ring.shard_for, peer.get_node)
    equal_points = RingStrategy(names, vnodes=len(peer.ring) // SHARDS)

    began = time.process_time()
    batch = KeyBatch(keys)
    hashes = batch.hashes()
    hashing_ns = (time.process_time() - began) / count * 1e9
    began = time.process_time()
    batch.slots()
    slots_ns = (time.process_time() - began) / count * 1e9
    hash_list = hashes.tolist()
    (py_jump_ns, c_jump_ns), (py_buckets, c_buckets) = interleaved(
        hash_list, lambda h: jump_hash(h, SHARDS), lambda h: jump.hash(h, SHARDS)
    )
    batch_jump_ns = best_ns(lambda: jump_hash_array(hashes, SHARDS), count)
    batch_agrees = jump_hash_array(hashes, SHARDS).tolist() == c_buckets == py_buckets

    strategies = {}
    for name in STRATEGY_ORDER:
        strategy = make_strategy(name, names)
        shards_for(strategy, batch)  # builds any lookup array once
        strategies[name] = {
            "batch_ns_per_key": round(best_ns(lambda s=strategy: shards_for(s, batch), count), 1),
        }
        load = load_of(strategy, batch)
        strategies[name]["max_over_mean"] = round(load.max_over_mean, 4)
        strategies[name]["cv"] = round(load.cv, 4)

    ours_balance, peer_balance = balance(ours_names), balance(peer_names)
    equal_balance = load_of(equal_points, batch)
    targets = [
        {
            "target": "our ring lookup at most half of uhashring's time",
            "ratio": round(ours_ns / peer_ns, 3),
            "maximum": 0.5,
            "pass": ours_ns <= 0.5 * peer_ns,
        },
        {
            "target": "our ring balance (max/mean and CV) equal or better than uhashring's",
            "ratio": round(ours_balance["max_over_mean"] / peer_balance["max_over_mean"], 3),
            "maximum": 1.0,
            "pass": ours_balance["max_over_mean"] <= peer_balance["max_over_mean"]
            and ours_balance["cv"] <= peer_balance["cv"],
        },
        {
            "target": "batch jump lookup within 2x of the C extension per key",
            "ratio": round(batch_jump_ns / c_jump_ns, 3),
            "maximum": 2.0,
            "pass": batch_jump_ns <= 2 * c_jump_ns and batch_agrees,
        },
    ]
    info = machine()
    result = {
        "date": info["date"],
        "machine": info,
        "commit": git_commit(),
        "keys": count,
        "shards": SHARDS,
        "versions": {
            "uhashring": getattr(uhashring, "__version__", "?"),
            "numpy": __import__("numpy").__version__,
        },
        "ns_per_key": {
            "ring/ours": round(ours_ns, 1),
            "ring/uhashring": round(peer_ns, 1),
            "jump/ours-python": round(py_jump_ns, 1),
            "jump/c-extension": round(c_jump_ns, 1),
            "jump/ours-batch": round(batch_jump_ns, 1),
            "hash/blake2s-batch": round(hashing_ns, 1),
            "hash/crc16-slots-batch": round(slots_ns, 1),
        },
        "ring_points": {"ours": len(ring.points), "uhashring": len(peer.ring)},
        "balance": {
            "ring/ours": ours_balance,
            "ring/uhashring": peer_balance,
            "ring/ours-equal-points": {
                "max_over_mean": round(equal_balance.max_over_mean, 4),
                "cv": round(equal_balance.cv, 4),
                "points": len(equal_points.points),
            },
        },
        "batch_agrees_with_c_extension": batch_agrees,
        "strategies": strategies,
        "targets": targets,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Sharding lookups, {count:,} string keys, {SHARDS} shards ({info['date']})")
    for label, value in result["ns_per_key"].items():
        print(f"  {label:<22} {value:>8.1f} ns/key")
    print(f"  balance ours {ours_balance}, uhashring {peer_balance}")
    for target in targets:
        verdict = "PASS" if target["pass"] else "FAIL"
        print(f"  {verdict}  {target['target']}: {target['ratio']} (max {target['maximum']})")
    print(f"Wrote {OUT.relative_to(ROOT)}")
    return 0 if all(t["pass"] for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
