import random

from week4.resilience import (
    CircuitBreaker,
    CircuitOpenError,
    FullJitter,
    Retry,
)

rng = random.Random(4)
now = [0.0]  # a fake clock in ms: nothing here sleeps for real


def service():
    """Fails one call in five; down from 1,000 ms to 2,500 ms."""
    if 1000 <= now[0] < 2500 or rng.random() < 0.2:
        raise ConnectionError("service unavailable")
    return "ok"


def sleep(ms):
    print(f"  waited {ms:.1f} ms")
    now[0] += ms


retry = Retry(
    max_attempts=3,
    # random waits: 0-100 ms, then 0-200 ms
    wait=FullJitter(base=100.0, cap=1000.0),
    retry_on=(ConnectionError,),
    clock=lambda: now[0],
    sleep=sleep,
    rng=random.Random(1),
)
for request in range(1, 4):
    print(f"request {request}: {retry.call(service)}")

rng.seed(10)  # a fixed stream for the second part, too
breaker = CircuitBreaker(
    window_size=4,  # judge the last 4 calls...
    minimum_calls=4,  # ...once there are 4 of them
    failure_rate_threshold=0.5,  # open at 50% failures or more
    wait_duration=1000.0,  # stay open 1 s, then let trial calls through
    half_open_calls=2,
    clock=lambda: now[0],
)
for step in range(16):
    now[0] = step * 250.0
    try:
        outcome = breaker.call(service)
    except ConnectionError:
        outcome = "failed"
    except CircuitOpenError:
        outcome = "rejected"
    print(f"{now[0]:6.0f} ms  {outcome:<8}  breaker: {breaker.state}")
