from week4 import scenarios
from week4.render import Table, sequence_diagram

race = scenarios.get("es-concurrency").run(seed=1, writers=2, balance=100, amount=30)
print(sequence_diagram(race.trace, participants=["w1", "store", "w2"]))
print()
rows = [  # yes/no rather than True/False, like every table of this chapter
    [name, ("yes" if value else "no") if isinstance(value, bool) else value]
    for name, value in race.metrics.items()
]
print(Table(["metric", "value"], rows).to_markdown())
print()
print(race.tables["the stream"].to_markdown())
