from week4 import scenarios

run = scenarios.run("cqrs-replicas", seed=1)
print(run.tables["routings"].to_markdown())
