from week4 import scenarios

run = scenarios.run("cqrs-outbox", seed=1, crashes=200)
print(run.tables["designs"].to_markdown())
