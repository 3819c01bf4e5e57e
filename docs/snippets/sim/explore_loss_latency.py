from week4 import scenarios
from week4.basics.figures.sweeps import lossy_link_grid
from week4.render import Control, Series, bar_chart, explorable, metrics_html, setting_key

LOSSES = [0.0, 0.1, 0.2, 0.3, 0.4]
LATENCIES = [5.0, 10.0, 20.0, 40.0]
OUTCOMES = ["answered in time", "answered late", "never answered"]
TIMEOUT = scenarios.get("lossy-link").param("timeout").default

grid = lossy_link_grid(seed=1, losses=LOSSES, latencies=LATENCIES, count=100)
best = grid["results"][setting_key(LOSSES[0], LATENCIES[0])]


def outcomes(metrics):
    in_time, late = metrics["answered in time"], metrics["timed out, answered later"]
    return [in_time, late, metrics["pings"] - in_time - late]


def view(metrics):
    chart = bar_chart(
        OUTCOMES,
        [
            Series("this link", [0, 1, 2], outcomes(metrics)),
            Series("no loss, 5 ms", [0, 1, 2], outcomes(best)),
        ],
        title="What happened to 100 pings",
        x_label=f"outcome (the client times out after {TIMEOUT:g} ms)",
        y_label="pings",
    )
    return chart + "\n" + metrics_html(metrics)


print(
    explorable(
        "loss-latency",
        "Pings over a lossy, slow link",
        [
            Control.slider("loss", "Loss probability", LOSSES, default=0.1),
            Control.slider("latency", "Mean one-way latency", LATENCIES, default=20.0, unit="ms"),
        ],
        grid["results"],
        view,
        summary=lambda m: f"{m['success rate (%)']:.1f}% of pings answered in time",
    )
)
