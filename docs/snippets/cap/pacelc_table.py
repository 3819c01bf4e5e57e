from week4.cap.figures.explore import pacelc, pacelc_table

# Each cell: p99 latency of the slower operation (read or write), and the stale-read rate
print(pacelc_table(pacelc(seed=1).data["points"]).to_markdown())
