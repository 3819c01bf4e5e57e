import random

from week4.render import Series, bar_chart
from week4.sharding import KeyBatch, make_strategy, shard_names
from week4.sharding.analysis import load_of, zipf_keys

requests = KeyBatch(zipf_keys(100_000, random.Random(1), exponent=1.1, universe=10_000))
load = load_of(make_strategy("jump", shard_names(10)), requests)
print(
    bar_chart(
        [str(i) for i in range(10)],
        [Series("requests", [], list(load.counts))],
        title="Zipf requests per shard (jump hash, 10 shards)",
        x_label="shard",
        y_label="requests",
    )
)
