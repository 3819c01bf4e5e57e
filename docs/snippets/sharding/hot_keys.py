from week4 import scenarios

result = scenarios.run("shard-hot-keys", seed=1)
print(result.metrics_table().to_markdown())
print()
print(result.tables["busiest shard over the mean"].to_markdown())
