from week4 import scenarios

for skew in ("uniform", "zipf"):
    result = scenarios.run("shard-balance", seed=1, skew=skew)
    print(f"**{skew} keys** (100,000 keys, 10 shards)\n")
    print(result.tables["per strategy"].to_markdown())
    print()
