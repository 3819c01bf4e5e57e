import random

from week4.resilience import (
    DecorrelatedJitter,
    EqualJitter,
    Exponential,
    FullJitter,
)

strategies = {
    "exponential": Exponential(base=5.0, cap=2000.0),
    "full jitter": FullJitter(base=5.0, cap=2000.0),
    "equal jitter": EqualJitter(base=5.0, cap=2000.0),
    "decorrelated jitter": DecorrelatedJitter(base=5.0, cap=2000.0),
}
for name, wait in strategies.items():
    rng, previous, waits = random.Random(1), 0.0, []
    for attempt in range(1, 7):
        previous = wait(attempt, previous, rng)
        waits.append(f"{previous:6.1f}")
    print(f"{name:<20}", " ".join(waits))
