"""Bad breaker settings are refused with one line naming the parameter and the range."""

from __future__ import annotations

import pytest
from resilience_fakes import FakeClock

from week4.errors import ParameterError, Week4Error
from week4.resilience import CircuitBreaker, CircuitOpenError, ResilienceError


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"window": "sliding"}, "invalid window 'sliding': expected one of count, time"),
        ({"window_size": 0}, "invalid window_size 0: expected an integer >= 1"),
        ({"window_size": 2.5}, "invalid window_size 2.5: expected an integer >= 1"),
        ({"window": "time", "window_size": 0.5}, "invalid window_size 0.5: expected a number >= 1"),
        ({"minimum_calls": 0}, "invalid minimum_calls 0"),
        (
            {"failure_rate_threshold": 0},
            r"invalid failure_rate_threshold 0: expected a rate in \(0, 1\]",
        ),
        ({"failure_rate_threshold": float("nan")}, "invalid failure_rate_threshold nan"),
        ({"slow_call_duration": -1.0}, "invalid slow_call_duration -1.0"),
        ({"slow_call_duration": float("inf")}, "invalid slow_call_duration inf"),
        ({"slow_call_rate_threshold": 1.01}, "invalid slow_call_rate_threshold 1.01"),
        ({"wait_duration": float("inf")}, "invalid wait_duration inf"),
        ({"half_open_calls": 0}, "invalid half_open_calls 0"),
        ({"max_wait_in_half_open": -1}, "invalid max_wait_in_half_open -1"),
        ({"record_exceptions": (ValueError, "x")}, "invalid record_exceptions"),
        ({"ignore_exceptions": [KeyError]}, "invalid ignore_exceptions"),
        ({"record_result": 5}, "invalid record_result 5: expected a predicate or None"),
        ({"clock": 0.0}, "invalid clock 0.0: expected a callable returning a number"),
    ],
)
def test_bad_breaker_settings_are_refused_in_one_line(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message) as refused:
        CircuitBreaker(**options)  # type: ignore[arg-type]
    assert "\n" not in str(refused.value)


def test_an_unknown_state_is_refused() -> None:
    b = CircuitBreaker(clock=FakeClock())
    with pytest.raises(ParameterError, match="invalid state 'ajar'"):
        b.transition_to("ajar")


def test_rejections_are_runtime_errors_not_input_errors() -> None:
    assert issubclass(CircuitOpenError, ResilienceError)
    assert not issubclass(CircuitOpenError, Week4Error)
    assert issubclass(ParameterError, Week4Error)


def test_metrics_report_rates_and_zero_for_an_empty_window() -> None:
    b = CircuitBreaker(slow_call_duration=1.0, clock=FakeClock())
    assert b.metrics().failure_rate == 0.0
    assert b.metrics().slow_call_rate == 0.0
    b.on_success(2.0)
    b.on_error(0.5)
    metrics = b.metrics()
    assert (metrics.calls, metrics.failures, metrics.slow_calls) == (2, 1, 1)
    assert metrics.failure_rate == 0.5
    assert metrics.slow_call_rate == 0.5
