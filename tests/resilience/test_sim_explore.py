"""The explorable's grid: what its text says a reader will find."""

from __future__ import annotations

from week4.resilience.figures.explore import explore_grid


def test_a_low_threshold_with_many_random_failures_refuses_most_requests():
    grid = explore_grid(1, failure_rates=[0.4], thresholds=[0.25], waits=["full-jitter"])
    result = grid["0.4|0.25|full-jitter"]
    assert result["short-circuited"] > 0.8 * sum(result["outcomes"])


def test_a_threshold_well_above_the_random_failures_opens_as_often_as_with_none():
    grid = explore_grid(1, failure_rates=[0.0, 0.2], thresholds=[0.75], waits=["none"])
    assert (
        grid["0.2|0.75|none"]["times the breaker opened"]
        == (grid["0|0.75|none"]["times the breaker opened"])
    )


def test_every_setting_keeps_its_no_protection_twin_for_comparison():
    grid = explore_grid(1, failure_rates=[0.2], thresholds=[0.5], waits=["none", "exponential"])
    assert len(grid) == 2
    for result in grid.values():
        plain = result["no protection"]
        assert plain["short-circuited"] == 0
        assert sum(plain["outcomes"]) == sum(result["outcomes"])
