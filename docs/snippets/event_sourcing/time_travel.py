from week4 import scenarios

day = scenarios.get("es-time-travel").run(seed=1, as_of="11:00", version=3)
print(day.tables["audit trail"].to_markdown())
print()
print(day.metrics_table().to_markdown())
