from week4.render import Control, explorable, metrics_html
from week4.resilience.figures import explore

FAILURES = [0.0, 0.2, 0.4]
THRESHOLDS = [0.25, 0.5, 0.75]
WAITS = ["none", "exponential", "full-jitter"]

grid = explore.explore_grid(1, failure_rates=FAILURES, thresholds=THRESHOLDS, waits=WAITS)


def view(result):
    chart = explore.explore_view(result)
    return chart + "\n" + metrics_html(explore.shown_metrics(result))


print(
    explorable(
        "breaker-outage",
        "A breaker and retries through the outage",
        [
            Control.slider("failure", "Random failure rate", FAILURES, default=0.2),
            Control.slider("threshold", "Breaker threshold", THRESHOLDS, default=0.5),
            Control.select("wait", "Retry wait", WAITS, default="full-jitter"),
        ],
        grid,
        view,
        summary=explore.summary,
    )
)
