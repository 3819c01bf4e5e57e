from week4 import scenarios
from week4.resilience.figures.storm import goodput_chart

result = scenarios.get("retry-storm").run(seed=1)
print(goodput_chart(result.data))
