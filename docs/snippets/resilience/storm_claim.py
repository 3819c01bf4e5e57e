from week4 import scenarios
from week4.render import Table

result = scenarios.get("retry-storm").run(seed=1)
after = result.data["setup"]["after"][0] / 1000
rows = [
    [p["policy"], f"{p['ok_before']:.0%}", f"{p['ok_after']:.0%}"]
    for p in result.data["policies"]
    if p["policy"] in ("no retries", "retries", "jitter + budget + breaker")
]
columns = ["caller", "ok before the spike", f"ok from {after:g} s on"]
print(Table(columns, rows).to_markdown())
