import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/sharding.json")


def ns(value):
    return "—" if value is None else round(value, 1)


def ratio(ours, peer):
    return f"{ours / peer:.2f}×" if ours and peer else "—"


if not path.exists():
    print("!!! note\n    No measurement yet: run `python bench/bench_sharding.py`.")
else:
    r = json.loads(path.read_text())
    m = r["machine"]
    commit = (r.get("commit") or "")[:7]
    print(
        f"Measured {r['date']} on {m['cores']} cores ({m['cpu']}), {m['implementation']} "
        f"{m['python']}, numpy {r['versions']['numpy']}, uhashring {r['versions']['uhashring']}"
        f"{f', commit `{commit}`' if commit else ''}: {r['keys']:,} string keys, "
        f"{r['shards']} shards, CPU time of the benchmark process.\n"
    )
    t = r["ns_per_key"]
    rows = [
        [
            "ring: our `shard_for`, uhashring `get_node`",
            ns(t["ring/ours"]),
            ns(t["ring/uhashring"]),
            ratio(t["ring/ours"], t["ring/uhashring"]),
        ],
        [
            "jump: our pure-Python `jump_hash`, C `jump.hash`",
            ns(t["jump/ours-python"]),
            ns(t["jump/c-extension"]),
            ratio(t["jump/ours-python"], t["jump/c-extension"]),
        ],
        [
            "jump: our numpy batch, C `jump.hash` per key",
            ns(t["jump/ours-batch"]),
            ns(t["jump/c-extension"]),
            ratio(t["jump/ours-batch"], t["jump/c-extension"]),
        ],
    ]
    print(Table(["nanoseconds a key", "ours", "peer", "ours/peer"], rows).to_markdown())
    print(
        f"\nThe ring lookups start from the string key; the jump lookups from its 64-bit "
        f"hash. Hashing the keys in a batch (BLAKE2s) cost {ns(t['hash/blake2s-batch'])} ns "
        f"a key, once for every strategy.\n"
    )
    b = r["balance"]
    points = r["ring_points"]
    rows = [
        [
            "ours, default",
            points["ours"],
            f"{b['ring/ours']['max_over_mean']:.3f}",
            f"{b['ring/ours']['cv']:.1%}",
        ],
        [
            "ours, as many points as uhashring",
            b["ring/ours-equal-points"]["points"],
            f"{b['ring/ours-equal-points']['max_over_mean']:.3f}",
            f"{b['ring/ours-equal-points']['cv']:.1%}",
        ],
        [
            "uhashring (ketama)",
            points["uhashring"],
            f"{b['ring/uhashring']['max_over_mean']:.3f}",
            f"{b['ring/uhashring']['cv']:.1%}",
        ],
    ]
    print(Table(["ring", "points", "max/mean", "CV"], rows).to_markdown())
    print()
    rows = [
        [x["target"], f"{x['ratio']:.2f}", f"{x['maximum']:g}", "PASS" if x["pass"] else "MISS"]
        for x in r["targets"]
    ]
    print(Table(["target", "measured", "at most", "result"], rows).to_markdown())
    print(
        "\n**Batch lookups of every strategy** (numpy, over keys already hashed; Redis slots "
        f"also need the CRC16 of each key, {ns(t.get('hash/crc16-slots-batch'))} ns a key):\n"
    )
    rows = [
        [name, ns(s["batch_ns_per_key"]), f"{s['max_over_mean']:.3f}", f"{s['cv']:.1%}"]
        for name, s in r["strategies"].items()
    ]
    print(Table(["strategy", "ns a key", "max/mean", "CV"], rows).to_markdown())
