from week4 import scenarios
from week4.resilience.figures.outage import breaker_timeline

result = scenarios.get("breaker-outage").run(seed=1)
print(breaker_timeline(result.data))
