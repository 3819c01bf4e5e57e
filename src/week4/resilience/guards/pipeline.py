"""Compose guards in a stated order: the outermost first.

The order matters. resilience4j's Spring aspects apply
``Retry ( CircuitBreaker ( RateLimiter ( TimeLimiter ( Bulkhead ( function ) ) ) ) )``:
each retry passes through the breaker (so a breaker that opens stops the retries with
``CircuitOpenError``), each attempt gets its own time limit, and the bulkhead counts only
calls that really run. Polly runs a pipeline's strategies in the order they were added,
the first added outermost, and recommends fallback outermost, then retry (or hedging),
circuit breaker, timeout, innermost the rate limiter.

:func:`decorate` uses resilience4j's order with Polly's fallback on the outside:
``Fallback ( Retry ( Hedging ( CircuitBreaker ( Timeout ( Bulkhead ( function ) ) ) ) ) )``.
:class:`Pipeline` takes any guards in the order you give, outermost first.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import partial, wraps
from typing import Any, ParamSpec, Protocol, TypeVar, cast

from week4.errors import ParameterError

P = ParamSpec("P")
T = TypeVar("T")


class Guard(Protocol):
    """Anything with ``call(fn, *args, **kwargs)`` (and, for asyncio, ``call_async``)."""

    def call(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Call ``fn`` under the guard."""


class Pipeline:
    """Guards nested outermost first: ``Pipeline(a, b).call(fn)`` is ``a.call(b.call(fn))``.

    Examples:
        >>> from week4.resilience import CircuitBreaker, Retry
        >>> from week4.resilience.retry.waits import NoWait
        >>> log = []
        >>> pipeline = Pipeline(Retry(2, wait=NoWait()), CircuitBreaker(clock=lambda: 0.0))
        >>> def flaky():
        ...     log.append("attempt")
        ...     if len(log) == 1:
        ...         raise OSError("first attempt fails")
        ...     return "ok"
        >>> pipeline.call(flaky), log
        ('ok', ['attempt', 'attempt'])
    """

    def __init__(self, *guards: Any) -> None:
        for guard in guards:
            if not callable(getattr(guard, "call", None)) and not callable(
                getattr(guard, "call_async", None)
            ):
                raise ParameterError(f"invalid guard {guard!r}: expected an object with call()")
        self.guards = guards

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` through every guard."""
        call: Callable[[], Any] = partial(fn, *args, **kwargs)
        for guard in reversed(self.guards):
            call = partial(guard.call, call)
        return cast("T", call())

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(*args, **kwargs)`` through every guard's ``call_async``."""
        call: Callable[[], Awaitable[Any]] = partial(fn, *args, **kwargs)
        for guard in reversed(self.guards):
            call = partial(guard.call_async, call)
        return cast("T", await call())

    def __call__(self, fn: Callable[P, T]) -> Callable[P, T]:
        """Decorate ``fn`` (a function or a coroutine function)."""
        if inspect.iscoroutinefunction(fn):

            @wraps(fn)
            async def guarded_async(*args: P.args, **kwargs: P.kwargs) -> Any:
                return await self.call_async(fn, *args, **kwargs)

            return cast("Callable[P, T]", guarded_async)

        @wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.call(fn, *args, **kwargs)

        return guarded


def decorate(
    fn: Callable[P, T],
    *,
    fallback: Any = None,
    retry: Any = None,
    hedging: Any = None,
    breaker: Any = None,
    timeout: Any = None,
    bulkhead: Any = None,
) -> Callable[P, T]:
    """``fn`` wrapped as Fallback(Retry(Hedging(CircuitBreaker(Timeout(Bulkhead(fn)))))).

    Leave out any layer with None. Hedging has only an asyncio form, so it needs ``fn`` to
    be a coroutine function.
    """
    layers = (fallback, retry, hedging, breaker, timeout, bulkhead)
    return Pipeline(*(layer for layer in layers if layer is not None))(fn)
