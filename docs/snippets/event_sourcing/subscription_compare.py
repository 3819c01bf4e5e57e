from week4 import scenarios

run = scenarios.get("es-subscription").run(seed=1, events=50, batch=10, crash_at=27)
print(run.tables["three ways to commit"].to_markdown())
