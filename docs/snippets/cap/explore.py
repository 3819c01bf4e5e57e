from week4.cap.figures.explore import quorum_explorable

# 4 partition lengths x 5 settings of N, R, W: 20 runs when the page is built.
print(quorum_explorable(seed=1))
