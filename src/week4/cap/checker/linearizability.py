"""Is a history linearizable? The checker behind the CAP chapter's consistency pages.

A history is linearizable when every operation can be given a single point in time, between
its call and its return, such that the operations, in the order of their points, are a legal
run of the sequential model (Herlihy & Wing 1990). Operations that failed never happened;
operations with an unknown outcome may or may not have happened (Jepsen, Knossos).

The search is Wing & Gong's (1993) with Lowe's just-in-time linearisation (Lowe 2017) and a
cache of visited configurations, as in Porcupine; see :mod:`week4.cap.checker.search`. The history
is
split by key (P-compositionality) and the keys are searched *interleaved*, a bounded number
of steps each in turn, stopping at the first key that fails: like Porcupine, which checks
keys in parallel and stops them all when one fails, a key that proves a violation quickly is
not kept waiting behind a key whose search is long.

Example:
    >>> from week4.cap.checker.history import Operation
    >>> ops = [
    ...     Operation("a", "write", input=1, call=0, ret=1),
    ...     Operation("b", "read", output=None, call=2, ret=3),
    ... ]
    >>> result = check_linearizable(ops, "register")
    >>> result.linearizable
    False
    >>> print(result.counterexample.describe().splitlines()[-2])  # doctest: +ELLIPSIS
    Then the register holds 1, and process b: read() -> nil [2, 3] must take effect ...
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Generator, Iterable

from week4.cap.checker.counterexample import Counterexample, LinearizabilityResult, LinearizedStep
from week4.cap.checker.history import History, Key, Operation
from week4.cap.checker.models import Model, get_model
from week4.cap.checker.search import KeySearch, Outcome, Step

#: Configurations a key may explore before the next key gets its turn.
QUANTUM = 2048


def _steps(steps: tuple[Step, ...]) -> tuple[LinearizedStep, ...]:
    return tuple(LinearizedStep(op, state) for op, state in steps)


def check_linearizable(
    history: History | Iterable[Operation],
    model: str | Model = "register",
    *,
    max_steps: int | None = None,
    time_budget: float | None = None,
) -> LinearizabilityResult:
    """Check a history against a sequential model.

    Args:
        history: The operations (a :class:`History` or any iterable of operations).
        model: ``"register"`` (read/write/cas), ``"kv"`` (get/put/append) or a :class:`Model`.
        max_steps: Give up (verdict None) after exploring this many configurations.
        time_budget: Give up (verdict None) after about this many seconds of wall-clock time.

    Returns:
        The verdict, the number of configurations explored and, when the history is not
        linearizable, a counterexample; when it is, one linearization per key.

    Raises:
        HistoryError: An operation is not part of the model, or its input is malformed.
        UnknownModelError: ``model`` is neither ``register`` nor ``kv``.
    """
    spec = get_model(model)
    ops = list(history)
    parts: dict[Key, list[Operation]] = {}
    for op in ops:
        spec.validate(op)
        parts.setdefault(op.key, []).append(op)
    searches = sorted(
        ((key, KeySearch(part, spec)) for key, part in parts.items()),
        key=lambda pair: pair[1].size,
    )
    deadline = None if time_budget is None else time.perf_counter() + time_budget
    active: deque[tuple[Key, KeySearch, Generator[int, int, Outcome]]] = deque()
    for key, search in searches:
        run = search.run()
        next(run)
        active.append((key, search, run))
    progress: dict[Key, int] = {}
    found: dict[Key, tuple[LinearizedStep, ...]] = {}
    total = 0
    while active:
        remaining = QUANTUM if max_steps is None else min(QUANTUM, max_steps - total)
        if remaining <= 0 or (deadline is not None and time.perf_counter() > deadline):
            return LinearizabilityResult(None, total, spec.name, len(parts))
        key, search, run = active.popleft()
        try:
            explored = run.send(remaining)
        except StopIteration as stop:
            outcome: Outcome = stop.value
            total += outcome.explored - progress.get(key, 0)
            if not outcome.linearizable:
                return LinearizabilityResult(
                    False, total, spec.name, len(parts), _counterexample(key, outcome, spec)
                )
            found[key] = _steps(outcome.steps)
            continue
        total += explored - progress.get(key, 0)
        progress[key] = explored
        active.append((key, search, run))
    linearization = {key: found[key] for key in parts}
    return LinearizabilityResult(True, total, spec.name, len(parts), None, linearization)


def _counterexample(key: Key, outcome: Outcome, spec: Model) -> Counterexample:
    assert outcome.stuck is not None
    prefix = _steps(outcome.steps)
    state = prefix[-1].state if prefix else spec.init
    return Counterexample(key, prefix, state, outcome.stuck, outcome.pending, spec)
