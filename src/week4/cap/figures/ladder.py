"""The consistency-model ladder: which model each run of the CAP page satisfies.

From the strongest rung down: linearizability (Herlihy & Wing 1990), sequential consistency
(Lamport 1979), the session guarantees read-your-writes and monotonic reads (Terry et al.,
"Session Guarantees for Weakly Consistent Replicated Data", 1994) and eventual convergence
(Vogels, "Eventually Consistent", 2009). Jepsen's map of consistency models
(https://jepsen.io/consistency) draws the same hierarchy. Every mark is a checker's verdict
on the run's history (:mod:`week4.cap.checker.linearizability`, :mod:`week4.cap.checker.weaker`),
never a
label attached to the mode.

Besides the four modes of :func:`week4.cap.figures.page.same_partition`, two AP variants show the
lower rungs breaking: replica clocks up to 50 ms apart (last-writer-wins then lets an older
write overwrite a newer one, and read-your-writes fails), and two keys instead of one
(sequential consistency then fails: two clients each wrote one key and then read the
other key's older value, see :func:`crossed_writes`).

Examples:
    >>> marks = ladder(ladder_runs(seed=1))
    >>> marks["CP"]["linearizability"], marks["AP"]["linearizability"]
    (True, False)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence

from week4.cap.checker.history import Operation
from week4.cap.figures.page import CheckedRun, checked, mark, same_partition
from week4.render.tables import Table

#: The rungs, strongest first, as the checkers name them.
MODELS = (
    "linearizability",
    "sequential consistency",
    "read-your-writes",
    "monotonic reads",
    "eventual convergence",
)
SKEWED = "AP, clocks 50 ms apart"
TWO_KEYS = "AP, two keys"


@functools.cache
def ladder_runs(seed: int = 1) -> tuple[CheckedRun, ...]:
    """The four modes under the page's partition, then the two AP variants (cached)."""
    return (
        *same_partition(seed),
        checked(SKEWED, "ap", seed, skew=50.0),
        checked(TWO_KEYS, "ap", seed, keys=2),
    )


def ladder(runs: Sequence[CheckedRun]) -> dict[str, dict[str, bool | None]]:
    """Each run's verdict on each model: True holds, False violated, None unknown."""
    out: dict[str, dict[str, bool | None]] = {}
    for c in runs:
        verdicts: dict[str, bool | None] = {"linearizability": c.check.linearizable}
        verdicts.update({g.guarantee: g.holds for g in c.guarantees})
        out[c.name] = {model: verdicts[model] for model in MODELS}
    return out


def ladder_table(runs: Sequence[CheckedRun]) -> Table:
    """Runs (rows) by models (columns, strongest first), ✓ holds, ✗ violated, ? unknown.

    Five model columns and the run's name: narrow enough for the 720 px text column.
    """
    marks = ladder(runs)
    return Table(
        ["run", *(_wrapped(model) for model in MODELS)],
        [[name, *(mark(marks[name][model]) for model in MODELS)] for name in marks],
    )


def _wrapped(name: str) -> str:
    """A name over two lines (at the space or hyphen nearest its middle), to fit the column."""
    spaces = [i for i, ch in enumerate(name) if ch in " -"]
    if len(name) <= 8 or not spaces:
        return name
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return f"{name[: cut + (name[cut] == '-')]}<br>{name[cut + 1 :]}"


def violations(runs: Sequence[CheckedRun], below: str = "linearizability") -> list[str]:
    """``run: model: reason`` for every violated model weaker than ``below``."""
    weaker = MODELS[MODELS.index(below) + 1 :]
    return [
        f"{c.name}: {g.guarantee} violated: {g.reason}"
        for c in runs
        for g in c.guarantees
        if g.guarantee in weaker and g.holds is False
    ]


def _writers(ops: Sequence[Operation]) -> dict[tuple[object, object], Operation]:
    """The ``ok`` write of each (key, value) (values are unique per write)."""
    return {(op.key, op.input): op for op in ops if op.f == "write" and op.status == "ok"}


def _older(
    read: Operation, write: Operation, writers: dict[tuple[object, object], Operation]
) -> bool:
    """Whether ``read`` returned a value whose write returned before ``write`` was called."""
    source = writers.get((read.key, read.output))
    return read.output != write.input and (source is None or source.ret < write.call)


def crossed_writes(history: Iterable[Operation]) -> tuple[Operation, ...] | None:
    """Two clients that each wrote one key, then read the other key's older value.

    Client P writes ``k1`` then reads ``k2``; client Q writes ``k2`` then reads ``k1``; each
    read returns a value older than the other client's write. Each client saw its own write
    and missed the other's: the store-buffering shape that sequential consistency forbids
    when every order must put one of the two writes first (Lamport 1979). Returns
    ``(P's write, P's read, Q's write, Q's read)``, the first found, or None.

    Examples:
        >>> from week4.cap.checker.history import History, Operation as Op
        >>> ops = History([Op(0, "write", key="x", input=1, call=0, ret=1),
        ...                Op(1, "write", key="y", input=2, call=0, ret=1),
        ...                Op(0, "read", key="y", output=None, call=2, ret=3),
        ...                Op(1, "read", key="x", output=None, call=2, ret=3)])
        >>> [op.label() for op in crossed_writes(ops)]
        ['write("x", 1)', 'read("y") -> nil', 'write("y", 2)', 'read("x") -> nil']
    """
    ops = [op for op in history if op.status == "ok"]
    writers = _writers(ops)
    pairs = []
    for process in dict.fromkeys(op.process for op in ops):
        mine = sorted((op for op in ops if op.process == process), key=lambda o: o.call)
        pairs += [
            (w, r)
            for w, r in itertools.pairwise(mine)
            if w.f == "write" and r.f == "read" and w.key != r.key
        ]
    for w1, r1 in pairs:
        for w2, r2 in pairs:
            crossed = w1.process != w2.process and (w2.key, r2.key) == (r1.key, w1.key)
            if crossed and _older(r1, w2, writers) and _older(r2, w1, writers):
                return (w1, r1, w2, r2)
    return None
