"""Is a history linearizable? The checker behind the CAP chapter's consistency pages.

A history is linearizable when every operation can be given a single point in time, between
its call and its return, such that the operations, in the order of their points, are a legal
run of the sequential model (Herlihy & Wing 1990). Operations that failed never happened;
operations with an unknown outcome may or may not have happened (Jepsen, Knossos).

The search is Wing & Gong's (1993) with Lowe's just-in-time linearisation (Lowe 2017) and a
cache of visited configurations, as in Porcupine; see :mod:`week4.cap.checker.search`. The
history is split by key (P-compositionality) and the keys are searched *interleaved*, a
bounded number of steps each in turn, stopping at the first key that fails: like Porcupine,
which checks keys in parallel and stops them all when one fails, a key that proves a
violation quickly is not kept waiting behind a key whose search is long.

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

from collections import deque
from collections.abc import Callable, Generator, Hashable, Iterable, Mapping

from week4.cap.checker.counterexample import Counterexample, LinearizabilityResult, LinearizedStep
from week4.cap.checker.edn.values import canonical
from week4.cap.checker.history import History, HistoryError, Key, Operation
from week4.cap.checker.models import Model, get_model
from week4.cap.checker.reduce import droppable_crashed_writes
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
    stop: Callable[[], bool] | None = None,
) -> LinearizabilityResult:
    """Check a history against a sequential model.

    Crashed writes that nothing observed are left out first (:mod:`.reduce`, sound).

    Args:
        history: The operations (a :class:`History` or any iterable of operations).
        model: ``"register"`` (read/write/cas), ``"cas-register"`` (the same, a read of nil
            constrains nothing, as in Knossos), ``"kv"`` (get/put/append) or a :class:`Model`.
        max_steps: Give up (verdict None, *unknown*) after exploring this many configurations.
        stop: Asked every :data:`QUANTUM` configurations; True gives up (verdict None). The
            caller owns the clock: e.g. ``lambda: time.monotonic() > deadline``. The search
            itself never reads a clock, so its result depends only on its input.

    Returns:
        The verdict (True, False, or None when a budget ran out), the number of
        configurations explored and, when the history is not linearizable, a counterexample;
        when it is, one linearization per key.

    Raises:
        HistoryError: ``history`` is not operations, an operation is not part of the model, or
            its input is malformed.
        UnknownModelError: ``model`` is not one of the models.
    """
    spec = get_model(model)
    ops = _operations(history)
    parts: dict[Hashable, tuple[Key, list[Operation]]] = {}
    for op in ops:
        spec.validate(op)
        parts.setdefault(canonical(op.key), (op.key, []))[1].append(op)
    dropped = 0
    searches = []
    for key, part in parts.values():
        drop = droppable_crashed_writes(part, spec)
        dropped += len(drop)
        kept = [op for n, op in enumerate(part) if n not in drop] if drop else part
        searches.append((key, KeySearch(kept, spec)))
    searches.sort(key=lambda pair: pair[1].size)
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
        if remaining <= 0 or (stop is not None and stop()):
            return LinearizabilityResult(None, total, spec.name, len(parts), dropped=dropped)
        key, search, run = active.popleft()
        try:
            explored = run.send(remaining)
        except StopIteration as done:
            outcome: Outcome = done.value
            total += outcome.explored - progress.get(key, 0)
            if not outcome.linearizable:
                counter = _counterexample(key, outcome, spec)
                return LinearizabilityResult(
                    False, total, spec.name, len(parts), counter, dropped=dropped
                )
            found[key] = _steps(outcome.steps)
            continue
        total += explored - progress.get(key, 0)
        progress[key] = explored
        active.append((key, search, run))
    linearization = {key: found[key] for key, _ in parts.values()}
    return LinearizabilityResult(
        True, total, spec.name, len(parts), None, linearization, dropped=dropped
    )


def _operations(history: object) -> list[Operation]:
    if isinstance(history, History):
        return list(history.ops)
    if isinstance(history, str | bytes | Mapping) or not isinstance(history, Iterable):
        raise HistoryError(
            f"expected a History or an iterable of Operation, got {type(history).__name__}"
        )
    ops = list(history)
    for n, op in enumerate(ops):
        if not isinstance(op, Operation):
            raise HistoryError(
                f"item {n} of the history is a {type(op).__name__}, not an Operation"
            )
    return ops


def _counterexample(key: Key, outcome: Outcome, spec: Model) -> Counterexample:
    assert outcome.stuck is not None
    prefix = _steps(outcome.steps)
    state = prefix[-1].state if prefix else spec.init
    return Counterexample(key, prefix, state, outcome.stuck, outcome.pending, spec)
