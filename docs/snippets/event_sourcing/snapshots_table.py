from week4 import scenarios

run = scenarios.get("es-snapshots").run(seed=1, events=600, every=100, points=30)
print(run.metrics_table().to_markdown())
