from week4.cqrs.figures.explore import lag_explorable

print(lag_explorable(seed=1))
