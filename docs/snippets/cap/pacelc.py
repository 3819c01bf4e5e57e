from week4.cap.figures.explore import pacelc, pacelc_chart

# N=3, no partition: 5 settings of (R, W) x 4 link latencies, 400 ms each
print(pacelc_chart(pacelc(seed=1).data["points"]))
