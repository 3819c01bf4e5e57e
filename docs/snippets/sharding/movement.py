from week4 import scenarios

result = scenarios.run("shard-movement", seed=1)
print(result.tables["moved per strategy"].to_markdown())
print()
print(result.metrics_table().to_markdown())
