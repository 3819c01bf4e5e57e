from week4 import scenarios

result = scenarios.get("partition-heal").run(seed=1)
print(result.to_markdown(since=35, until=150, max_trace_rows=60))
