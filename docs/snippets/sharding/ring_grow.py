from week4.sharding import RingStrategy, shard_names

ring = RingStrategy(shard_names(4), vnodes=8)
grown = ring.with_shards(shard_names(5))
keys = [f"user:{i}" for i in range(10_000)]
moved = [k for k in keys if ring.shard_for(k) != grown.shard_for(k)]
print(f"{len(moved)} of {len(keys)} keys moved ({len(moved) / len(keys):.1%})")
print("every moved key went to the new shard:", all(grown.shard_for(k) == "s4" for k in moved))
