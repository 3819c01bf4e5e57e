"""The backoff strategies the simulations compare, by the names the scenarios use.

The waits themselves are the chapter's `week4.resilience.retry.waits` (the AWS
article's definitions); this module only names them and builds one from a name, a base and
a cap, so a scenario parameter or a JSON record can say ``"full-jitter"``.
"""

from __future__ import annotations

from week4.errors import ParameterError
from week4.resilience.retry import waits
from week4.resilience.retry.waits import Wait

#: The strategies of the AWS article, in the order its charts list them.
STRATEGIES = ("none", "exponential", "full-jitter", "equal-jitter", "decorrelated-jitter")


def make_wait(name: str, *, base: float, cap: float) -> Wait:
    """The wait strategy called ``name`` with the given base and cap (ms).

    Raises:
        ParameterError: ``name`` is not one of `STRATEGIES`.
    """
    if name == "none":
        return waits.NoWait()
    if name == "exponential":
        return waits.Exponential(base=base, cap=cap)
    if name == "full-jitter":
        return waits.FullJitter(base=base, cap=cap)
    if name == "equal-jitter":
        return waits.EqualJitter(base=base, cap=cap)
    if name == "decorrelated-jitter":
        return waits.DecorrelatedJitter(base=base, cap=cap)
    raise ParameterError(f"invalid strategy {name!r}: expected one of {', '.join(STRATEGIES)}")
