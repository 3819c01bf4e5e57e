from week4 import scenarios

run = scenarios.run("cqrs-rebuild", seed=1)
print(run.tables["modes"].to_markdown())
