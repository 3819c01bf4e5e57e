from week4.sharding import make_strategy, shard_names
from week4.sharding.figures import timeline_svg
from week4.sharding.reshard import live_reshard

run = live_reshard(
    make_strategy("ring", shard_names(4)),
    [shard_names(5), shard_names(4)],
    seed=1,
    rows=2000,
    crash_at=25,
)
print(timeline_svg(run, title="Grow 4 → 5, then shrink 5 → 4, under traffic"))
