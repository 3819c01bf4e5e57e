"""Shared test configuration.

Hypothesis runs without per-example deadlines: the suite shares a 2-core machine with
browser tests and site builds, and a slow example there is load, not a bug.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "week4",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("week4")
