from week4 import scenarios

result = scenarios.run("shard-reshard", seed=1, crash_at=25)
print(result.metrics_table().to_markdown())
print()
print(result.tables["rows moved"].to_markdown())
print()
print(*result.notes)
print()
print(result.tables["timeline"].to_markdown())
