from week4.event_sourcing.figures.growth import snapshot_grid
from week4.render import (
    Control,
    Series,
    explorable,
    line_chart,
    metrics_html,
)

INTERVALS = [10, 50, 100, 250, 500]
SIZES = [100, 500, 1000, 2000]
SHOWN = [
    "read without snapshots",
    "read with snapshots",
    "most read by a load",
    "snapshots written",
]
KEYS = ["every", "events"]

grid = snapshot_grid(INTERVALS, SIZES, points=18)
# Every result is embedded in the page as JSON: keep only the
# figures there; the curves are drawn into the views.
results = {}
for key, measured in grid.items():
    results[key] = {name: measured[name] for name in SHOWN + KEYS}


def view(result):
    curves = grid[f"{result['every']}|{result['events']}"]
    lengths, label = curves["lengths"], f"a snapshot every {result['every']}"
    chart = line_chart(
        [
            Series("no snapshots", lengths, curves["without"]),
            Series(label, lengths, curves["with"]),
        ],
        title=f"Loading an account as it grows to {result['events']} events",
        x_label="events in the stream when it is loaded",
        y_label="events read and applied",
    )
    table = metrics_html({name: result[name] for name in SHOWN})
    return f"<div>{chart}\n{table}</div>"


def summary(result):
    if result["snapshots written"] == 0:
        return (
            f"no snapshot written: a stream of {result['events']} events never reaches "
            f"the interval of {result['every']}, so every load reads the whole stream "
            "and the two lines are one"
        )
    return (
        f"a load reads at most {result['most read by a load']} events "
        f"instead of up to {result['read without snapshots']}, "
        f"for {result['snapshots written']} snapshot(s) written"
    )


every = Control.slider("every", "Events per snapshot", INTERVALS, default=100)
events = Control.slider("events", "Events in the stream", SIZES, default=1000)
print(
    explorable(
        "snapshots",
        "Snapshot interval and stream length",
        [every, events],
        results,
        view,
        summary=summary,
    )
)
