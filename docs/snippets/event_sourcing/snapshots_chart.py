from week4 import scenarios
from week4.render import Series, line_chart

EVERY, EVENTS, LOADS = 100, 600, 30
run = scenarios.get("es-snapshots").run(seed=1, events=EVENTS, every=EVERY, points=LOADS)
lengths = run.data["lengths"]
print(
    line_chart(
        [
            Series("no snapshots", lengths, run.data["without"]),
            Series(f"a snapshot every {EVERY} events", lengths, run.data["with"]),
        ],
        title=f"Events read by {LOADS} loads of one account",
        x_label="events in the account's stream",
        y_label="events read and applied",
    )
)
