from week4.sharding.figures import explore_ring

print(explore_ring(seed=1))
