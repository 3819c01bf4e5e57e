from week4.cqrs.figures.lab import async_miss_curves, lab_setup, miss_rate_chart

lags_ms = [0, 1, 2, 3, 5, 7, 10, 15, 20]
print(miss_rate_chart(async_miss_curves(1, lags_ms, lab_setup())))
