from week4.cap.figures.page import mode_timeline, same_partition

for run in same_partition(seed=1):  # CP, AP, quorum R=2 W=2, CA (failover)
    print(mode_timeline(run))
