"""Waiting for a position: Marten's *wait for non-stale data*, on an injected clock.

The query side of read-your-writes: the command returned the global position it wrote
(:class:`~week4.cqrs.write.messages.CommandResult`), the query asks for at least that
position and waits, up to a timeout, for the read model to get there. The library never
sleeps on its own: ``clock`` and ``sleep`` are injected (the simulator drives virtual time;
a real service passes ``time.monotonic`` and ``time.sleep``), as tenacity does.

Sources: Marten docs, *Querying for non-stale projection data*
(``QueryForNonStaleData``/``WaitForNonStaleProjectionDataAsync``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.model import Answer, NotYet, ReadModel


def wait_for_position(
    model: ReadModel[Any],
    query: object,
    position: int,
    timeout: float,
    *,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    interval: float = 0.01,
) -> Answer[Any] | NotYet:
    """Ask ``query`` until ``model`` has reached ``position``, or ``timeout`` has passed.

    Args:
        model: The read model to ask.
        query: One of its queries.
        position: The lowest position the answer must reflect.
        timeout: How long to wait, in the clock's unit (0: ask once).
        clock: Tells the time.
        sleep: Waits; in a test or a simulation it also lets the projection run.
        interval: The wait between two polls.

    Returns:
        The :class:`Answer` as soon as the model reached ``position``; :class:`NotYet` when
        the timeout passed first (a typed "not yet": the caller decides what to show).

    Examples:
        >>> from week4.cqrs.app import in_memory_bank
        >>> from week4.cqrs import GetAccount, OpenAccount
        >>> bank = in_memory_bank()
        >>> written = bank.bus.handle(OpenAccount("c-1", "acc-1", "ada"))
        >>> now = [0.0]
        >>> def sleep(seconds):  # the projection daemon runs while we wait
        ...     now[0] += seconds
        ...     bank.project_available()
        >>> wait_for_position(bank.accounts, GetAccount("acc-1"), written.position, 1.0,
        ...                   clock=lambda: now[0], sleep=sleep).position
        1
    """
    for name, value in (("timeout", timeout), ("interval", interval)):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ReadModelError(f"{name} must be a finite number of seconds, got {value!r}")
    if timeout < 0 or interval <= 0:
        raise ReadModelError(f"timeout must be >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = clock() + timeout
    while True:
        answer = model.query(query, position)
        if isinstance(answer, Answer):
            return answer
        now = clock()
        if now >= deadline:
            return answer
        sleep(min(interval, deadline - now))
