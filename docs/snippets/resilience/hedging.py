from week4 import scenarios
from week4.resilience.figures.hedging import hedging_chart

result = scenarios.get("hedging").run(seed=1)
print(hedging_chart(result.data))
