import random

rng = random.Random(4)
now = [0.0]  # a fake clock in milliseconds


def service():
    """Fails one call in five; down from 1,000 ms to 2,500 ms."""
    if 1000 <= now[0] < 2500 or rng.random() < 0.2:
        raise ConnectionError("service unavailable")
    return "ok"


def call_with_retries(fn, attempts=3):
    """The original demo's retry loop: try again at once."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except ConnectionError:
            print(f"  attempt {attempt} failed")
    return "gave up"


class NaiveBreaker:
    """The original demo's breaker: 'opens' after `limit` failures."""

    def __init__(self, limit=3):
        self.failures, self.limit = 0, limit

    def call(self, fn):
        if self.failures >= self.limit:
            return "rejected"
        try:
            result = fn()
        except ConnectionError:
            self.failures += 1
            return "failed"
        self.failures = 0
        return result


for request in range(1, 4):
    print(f"request {request}: {call_with_retries(service)}")

rng.seed(10)  # a fixed stream for the second part, too
breaker = NaiveBreaker()
for step in range(16):
    now[0] = step * 250.0
    print(f"{now[0]:6.0f} ms  {breaker.call(service)}")
