from week4.resilience import PercentageBudget

now = [0.0]  # a fake clock in seconds
budget = PercentageBudget(
    ttl=10.0,
    min_retries_per_second=0.0,
    percent_can_retry=0.2,
    clock=lambda: now[0],
)
for _ in range(50):
    budget.record_request()
granted = sum(budget.try_retry() for _ in range(30))
print(f"50 requests, 30 retries asked: {granted} granted")
now[0] = 11.0  # the deposits have expired
answer = "granted" if budget.try_retry() else "refused"
print(f"11 s later, one more retry asked: {answer}")
