from week4 import scenarios

run = scenarios.get("es-upcasting").run(seed=1, legacy=3, current=3)
print(run.tables["stored vs read"].to_markdown())
print()
print(run.metrics_table().to_markdown())
print()
print(f"- {run.notes[-1]}")
