from week4 import scenarios

result = scenarios.run("shard-modulo-growth", seed=1)
print(result.metrics_table().to_markdown())
