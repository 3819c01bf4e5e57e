from week4 import scenarios
from week4.render import Table

BATCH, CRASH_AT = 10, 27
run = scenarios.get("es-subscription").run(seed=1, events=50, batch=BATCH, crash_at=CRASH_AT)
print(f"Batches of {BATCH} events; the consumer dies after handling event {CRASH_AT}.")
print()
print(run.tables["the consumer's runs (together)"].to_markdown())
print()
rows = [  # yes/no rather than True/False, like every table of this chapter
    [name, ("yes" if value else "no") if isinstance(value, bool) else value]
    for name, value in run.metrics.items()
]
print(Table(["metric", "value"], rows).to_markdown())
