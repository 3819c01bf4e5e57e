from week4 import scenarios
from week4.render import Series, line_chart

run = scenarios.get("es-snapshots").run(seed=1, events=600, every=100, points=30)
lengths = run.data["lengths"]
print(
    line_chart(
        [
            Series("no snapshots", lengths, run.data["without"]),
            Series("a snapshot every 100 events", lengths, run.data["with"]),
        ],
        title="Events read to load one account",
        x_label="events in the account's stream",
        y_label="events read and applied",
    )
)
