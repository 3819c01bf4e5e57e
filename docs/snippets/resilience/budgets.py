from week4.resilience import TokenBucketThrottle

# gRPC A6's example values
bucket = TokenBucketThrottle(max_tokens=10, token_ratio=0.1)
for failure in range(1, 8):
    bucket.record_failure()
    allowed = bucket.try_retry()
    print(f"failure {failure}: tokens {bucket.tokens:4.1f}, retry: {allowed}")

successes = 0
while not bucket.try_retry():
    bucket.record_success()
    successes += 1
print(f"retries allowed again after {successes} successes")
