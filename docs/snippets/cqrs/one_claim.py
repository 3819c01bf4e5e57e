from week4 import scenarios

lab = scenarios.run("cqrs-staleness", seed=1)
print(lab.metrics_table().to_markdown())
