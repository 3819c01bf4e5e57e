from week4 import scenarios
from week4.render import sequence_diagram

race = scenarios.get("es-concurrency").run(seed=1, writers=2, balance=100, amount=30)
print(sequence_diagram(race.trace, participants=["w1", "store", "w2"]))
print()
print(race.metrics_table().to_markdown())
print()
print(race.tables["the stream"].to_markdown())
