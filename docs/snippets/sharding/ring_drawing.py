from week4.sharding import RingStrategy, shard_names
from week4.sharding.figures import ring_svg

ring = RingStrategy(shard_names(4), vnodes=8)
print(ring_svg(ring, title="A ring of 4 shards with 8 virtual nodes each"))
