from week4 import scenarios
from week4.render import Series, bar_chart

result = scenarios.run("shard-movement", seed=1)
names = list(result.data)
print(
    bar_chart(
        names,
        [
            Series("moved", [], [result.data[n][0] * 100 for n in names]),
            Series("ideal 1/11", [], [100 / 11 for _ in names]),
        ],
        title="Keys moved when an 11th shard joins (%)",
        x_label="strategy",
        y_label="keys moved (%)",
    )
)
