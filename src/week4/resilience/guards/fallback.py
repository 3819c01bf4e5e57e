"""Fallback: answer something else when the call fails (Polly's fallback strategy).

The fallback is the outermost layer of a pipeline: it sees what is left after retries and
the breaker gave up, including :class:`~week4.resilience.CircuitOpenError`, and turns it
into a degraded answer (a cached value, a default, an empty list).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from week4.errors import ParameterError

P = ParamSpec("P")
T = TypeVar("T")


class Fallback:
    """Return ``handler(outcome)`` when the call raises one of ``on`` or its result is bad.

    Args:
        handler: called with the exception (or the rejected result); its return value is
            the answer.
        on: exception classes to handle (default ``Exception``).
        on_result: a predicate: a returned value it accepts is replaced too.

    Examples:
        >>> def down():
        ...     raise ConnectionError("down")
        >>> Fallback(lambda error: f"cached ({type(error).__name__})").call(down)
        'cached (ConnectionError)'
    """

    def __init__(
        self,
        handler: Callable[[Any], Any],
        *,
        on: tuple[type[BaseException], ...] = (Exception,),
        on_result: Callable[[Any], bool] | None = None,
    ) -> None:
        if not callable(handler):
            raise ParameterError(f"invalid handler {handler!r}: expected a callable")
        if not isinstance(on, tuple) or not all(
            isinstance(kind, type) and issubclass(kind, BaseException) for kind in on
        ):
            raise ParameterError(f"invalid on {on!r}: expected a tuple of exception classes")
        if on_result is not None and not callable(on_result):
            raise ParameterError(f"invalid on_result {on_result!r}: expected a predicate or None")
        self.handler = handler
        self.on = on
        self.on_result = on_result

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(...)``, or the fallback's answer."""
        try:
            result = fn(*args, **kwargs)
        except self.on as error:
            return self.handler(error)  # type: ignore[no-any-return]
        if self.on_result is not None and self.on_result(result):
            return self.handler(result)  # type: ignore[no-any-return]
        return result

    async def call_async(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``await fn(...)``, or the fallback's answer."""
        try:
            result = await fn(*args, **kwargs)
        except self.on as error:
            return self.handler(error)  # type: ignore[no-any-return]
        if self.on_result is not None and self.on_result(result):
            return self.handler(result)  # type: ignore[no-any-return]
        return result
