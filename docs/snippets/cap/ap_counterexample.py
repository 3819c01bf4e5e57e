from week4.cap.figures.page import by_mode, counterexample_figure, same_partition

print(counterexample_figure(by_mode(same_partition(seed=1), "ap")))
