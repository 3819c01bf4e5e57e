from week4 import scenarios
from week4.resilience.figures.contention import chart

result = scenarios.get("backoff-contention").run(seed=1)
records = result.data["records"]
print(
    chart(
        records,
        "total_calls",
        title="Work: writes until every client has written once",
        y_label="writes (mean of the runs)",
    )
)
