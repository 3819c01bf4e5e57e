from week4 import scenarios
from week4.render import Series, bar_chart

result = scenarios.run("shard-balance", seed=1)
points = result.data["vnodes"]
print(
    bar_chart(
        [str(p[0]) for p in points],
        [Series("busiest shard / mean", [], [p[1] for p in points])],
        title="The ring's busiest shard, by virtual nodes per shard",
        x_label="virtual nodes per shard",
        y_label="busiest shard / mean",
    )
)
