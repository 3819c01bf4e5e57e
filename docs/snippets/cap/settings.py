from week4.cap.figures.page import PARTITION, by_mode, same_partition

runs = same_partition(seed=1)
ap, ca = by_mode(runs, "ap").run, by_mode(runs, "ca").run
r, w = by_mode(runs, "quorum").run.config.quorums()
print(f"partition {PARTITION.label}: {PARTITION.start:.1f} ms to {PARTITION.end:.1f} ms")
print(f"AP anti-entropy: every {ap.config.anti_entropy:.1f} ms")
print(f"quorum: R = {r}, W = {w}")
print(f"CA failover: after {ca.config.failover:.1f} ms without the leader")
