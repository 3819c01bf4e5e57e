from week4 import scenarios

result = scenarios.get("partition-heal").run(seed=1)
print(result.to_markdown(max_trace_rows=36))
