"""Retry budgets: a cap on retries as a share of the traffic, so retries cannot pile up.

Two designs, one small interface (:class:`RetryBudget`): the retry loop tells the budget
about first attempts (:meth:`~RetryBudget.record_request`), attempts that succeeded or failed
in a retryable way, and asks before each retry (:meth:`~RetryBudget.try_retry`).

- :class:`TokenBucketThrottle`: gRPC's retry throttling (proposal A6, "gRPC Retry Design",
  https://github.com/grpc/proposal/blob/master/A6-client-retries.md#throttling-retry-attempts-and-hedged-rpcs).
  The token count starts at ``max_tokens``; every failed attempt takes 1 away (never below
  0), every success adds ``token_ratio`` (never above ``max_tokens``), and retries are
  allowed only while the count is greater than ``max_tokens / 2``. Like gRPC's C core,
  tokens are kept in integer thousandths, so the arithmetic is exact (A6 limits
  ``token_ratio`` to three decimals).
- :class:`PercentageBudget`: Finagle's ``RetryBudget`` (https://twitter.github.io/finagle/guide/Clients.html#retries):
  every request deposits, every retry withdraws ``1 / percent_can_retry`` as much, deposits
  and withdrawals expire after ``ttl``, and a reserve of ``min_retries_per_second * ttl``
  retries lets a low-traffic client retry at all.

Examples:
    >>> bucket = TokenBucketThrottle(max_tokens=10, token_ratio=0.1)
    >>> for _ in range(5):
    ...     bucket.record_failure()
    >>> bucket.tokens, bucket.try_retry()  # 5 is not more than 10 / 2
    (5.0, False)
    >>> bucket.record_success(); bucket.tokens, bucket.try_retry()
    (5.1, True)
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from decimal import Decimal
from typing import Protocol

from week4.errors import ParameterError
from week4.resilience._checks import number


class RetryBudget(Protocol):
    """What a retry loop tells a budget, and asks it."""

    def record_request(self) -> None:
        """A first attempt is being made (not a retry)."""

    def record_success(self) -> None:
        """An attempt succeeded."""

    def record_failure(self) -> None:
        """An attempt failed in a way that would be retried."""

    def try_retry(self) -> bool:
        """Whether a retry may be made now; True also spends what a retry costs."""


def _thousandths(value: float) -> int:
    """``value`` in thousandths, further decimals truncated (A6), from its shortest repr."""
    return int(Decimal(repr(float(value))) * 1000)


class TokenBucketThrottle:
    """gRPC A6 retry throttling: retry only while tokens > ``max_tokens / 2``.

    Args:
        max_tokens: in (0, 1000], as A6 requires.
        token_ratio: tokens a success gives back, > 0 (A6 keeps three decimals; so do we).
    """

    __slots__ = ("_lock", "_max", "_ratio", "_tokens", "max_tokens", "token_ratio")

    def __init__(self, max_tokens: float = 10.0, token_ratio: float = 0.1) -> None:
        number("max_tokens", max_tokens, strict=True)
        if max_tokens > 1000 or _thousandths(max_tokens) == 0:
            raise ParameterError(
                f"invalid max_tokens {max_tokens!r}: expected 0 < max_tokens <= 1000"
            )
        number("token_ratio", token_ratio, strict=True)
        self._ratio = _thousandths(token_ratio)
        if self._ratio == 0:
            raise ParameterError(f"invalid token_ratio {token_ratio!r}: expected >= 0.001")
        self.max_tokens = float(max_tokens)
        self.token_ratio = self._ratio / 1000
        self._max = _thousandths(max_tokens)
        self._tokens = self._max  # thousandths of a token
        self._lock = threading.Lock()

    @property
    def tokens(self) -> float:
        """The current token count."""
        return self._tokens / 1000

    def record_request(self) -> None:
        """Not counted by A6 (only outcomes are)."""

    def record_success(self) -> None:
        """Add ``token_ratio``, up to ``max_tokens``."""
        with self._lock:
            self._tokens = min(self._tokens + self._ratio, self._max)

    def record_failure(self) -> None:
        """Take one token away, down to 0."""
        with self._lock:
            self._tokens = max(self._tokens - 1000, 0)

    def try_retry(self) -> bool:
        """True while the count is above half of ``max_tokens`` (retries cost nothing more)."""
        return self._tokens * 2 > self._max


class PercentageBudget:
    """Finagle's retry budget: retries up to a percentage of requests, plus a floor.

    Deposits and withdrawals live ``ttl`` clock units, counted in ``slices`` buckets as
    Finagle's ``WindowedAdder`` does (so expiry is up to ``ttl / slices`` early or late).

    Args:
        ttl: clock units a deposit or withdrawal counts for.
        min_retries_per_second: the floor (Finagle's ``minRetriesPerSec``).
        percent_can_retry: retries allowed per request, in [0, 1000] (0.2: one in five;
            Finagle allows up to 1000).
        clock: the time source; ``units_per_second`` converts its unit to seconds.
        units_per_second: 1 for a clock in seconds, 1000 for milliseconds.
        slices: buckets the ``ttl`` is cut into.

    Examples:
        >>> now = [0.0]
        >>> budget = PercentageBudget(ttl=10.0, min_retries_per_second=0.0,
        ...                           percent_can_retry=0.5, clock=lambda: now[0])
        >>> for _ in range(4):
        ...     budget.record_request()
        >>> [budget.try_retry() for _ in range(3)]
        [True, True, False]
    """

    def __init__(
        self,
        *,
        ttl: float = 10.0,
        min_retries_per_second: float = 10.0,
        percent_can_retry: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
        units_per_second: float = 1.0,
        slices: int = 10,
    ) -> None:
        number("ttl", ttl, strict=True)
        number("min_retries_per_second", min_retries_per_second)
        if number("percent_can_retry", percent_can_retry) > 1000:
            raise ParameterError(
                f"invalid percent_can_retry {percent_can_retry!r}: expected 0 <= value <= 1000"
            )
        number("units_per_second", units_per_second, strict=True)
        if isinstance(slices, bool) or not isinstance(slices, int) or slices < 1:
            raise ParameterError(f"invalid slices {slices!r}: expected an integer >= 1")
        self.ttl = float(ttl)
        self.clock = clock
        self.percent_can_retry = float(percent_can_retry)
        # Scaled integers, exactly as Finagle's RetryBudget.apply builds its TokenRetryBudget:
        # with no percentage, requests earn nothing and each retry costs 1 of the reserve.
        percent = self.percent_can_retry
        self._deposit = 1000 if percent else 0
        self._withdrawal = int(1000 / percent) if percent else 1
        self._reserve = int(min_retries_per_second * self.ttl / units_per_second * self._withdrawal)
        self._slices = slices
        self._slice = self.ttl / slices
        self._window: deque[list[int]] = deque()  # [slice index, sum of that slice]
        self._sum = 0
        self._lock = threading.RLock()

    def _add(self, amount: int) -> None:  # the lock is held
        index = math.floor(self.clock() / self._slice)
        self._expire(index)
        if not self._window or self._window[-1][0] < index:
            self._window.append([index, 0])
        self._window[-1][1] += amount
        self._sum += amount

    def _expire(self, index: int) -> None:  # the lock is held
        horizon = index - self._slices
        while self._window and self._window[0][0] <= horizon:
            self._sum -= self._window.popleft()[1]

    @property
    def balance(self) -> int:
        """Retries the budget would allow now."""
        with self._lock:
            self._expire(math.floor(self.clock() / self._slice))
            return max((self._sum + self._reserve) // self._withdrawal, 0)

    def record_request(self) -> None:
        """Deposit for one request."""
        with self._lock:
            self._add(self._deposit)

    def record_success(self) -> None:
        """Not counted (deposits are per request)."""

    def record_failure(self) -> None:
        """Not counted (deposits are per request)."""

    def try_retry(self) -> bool:
        """Withdraw one retry if the balance allows it."""
        with self._lock:
            if self.balance < 1:
                return False
            self._add(-self._withdrawal)
            return True
