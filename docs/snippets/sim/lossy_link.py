from week4 import scenarios
from week4.render import Table

lossy = scenarios.get("lossy-link")
defaults = {p.name: p.default for p in lossy.params}
m = lossy.run(seed=1).metrics
pings, in_time = m["pings"], m["answered in time"]
late = m["timed out, answered later"]  # counted among the timed out
counts = {
    "answered in time": in_time,
    "answered after the timeout": late,
    "never answered (a message lost)": m["timed out"] - late,
    "total": pings,
}
print(
    f"loss {defaults['loss']:.0%} per message, mean one-way delay "
    f"{defaults['latency']:.1f} ms, client timeout {defaults['timeout']:.1f} ms"
)
print()
rows = [[name, n, f"{n / pings:.1%}"] for name, n in counts.items()]
print(Table(["outcome", "pings", "share"], rows).to_markdown())
print()
p50, p99 = m["p50 round trip (ms)"], m["p99 round trip (ms)"]
print(f"round trip of the answered pings: median {p50:.1f} ms, p99 {p99:.1f} ms")
