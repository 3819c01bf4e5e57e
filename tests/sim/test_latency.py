import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import Week4Error
from week4.sim import Constant, Exponential, Normal, Uniform


@given(st.integers(min_value=0, max_value=2**32))
def test_latency_samples_are_never_negative_and_respect_their_bounds(seed):
    rng = random.Random(seed)
    assert Constant(3).sample(rng) == 3
    assert 2 <= Uniform(2, 4).sample(rng) <= 4
    assert Exponential(mean=5, floor=1).sample(rng) >= 1
    assert Normal(mean=1, stddev=5).sample(rng) >= 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Constant(-1), "ms must be >= 0"),
        (lambda: Uniform(5, 1), "high must be >= 5"),
        (lambda: Exponential(mean=0), "mean must be > 0"),
        (lambda: Normal(mean=1, stddev=-1), "stddev must be >= 0"),
    ],
)
def test_invalid_latency_parameters_are_refused_with_a_clear_message(make, message):
    with pytest.raises(Week4Error, match=message):
        make()


def test_latencies_describe_themselves_for_pages():
    assert str(Uniform(1, 5)) == "uniform 1-5 ms"
    assert str(Exponential(mean=19, floor=1)) == "1 ms + exponential mean 19 ms"
