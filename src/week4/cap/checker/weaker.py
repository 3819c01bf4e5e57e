"""Checkers for the guarantees weaker than linearizability that the CAP pages compare.

- Sequential consistency (Lamport 1979): some single order of all operations is legal and
  keeps each client's own order, but, unlike linearizability (Herlihy & Wing 1990), need not
  respect real time. Checked by a memoised search over interleavings (fine for the small
  histories the pages show).
- Read-your-writes and monotonic reads, per client (Terry et al. 1994): see
  :mod:`week4.cap.checker.sessions`.
- Eventual convergence (Vogels 2009; Shapiro et al. 2011): once writes stop and messages are
  delivered, all replicas hold the same state. Checked on the replicas' final states.

Each checker returns a :class:`GuaranteeResult` with a verdict, a reason and a witness.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from week4.cap.checker.edn.values import canonical, same
from week4.cap.checker.history import Operation, show
from week4.cap.checker.models import UNKNOWN, detect_model, get_model
from week4.cap.checker.sessions import (
    GuaranteeResult,
    check_monotonic_reads,
    check_read_your_writes,
)

__all__ = [
    "GuaranteeResult",
    "check_convergence",
    "check_monotonic_reads",
    "check_read_your_writes",
    "check_sequential_consistency",
]

_SC = "sequential consistency"
_MISSING = object()


def check_sequential_consistency(
    history: Iterable[Operation], model: str | None = None, *, max_steps: int = 200_000
) -> GuaranteeResult:
    """Is there one legal order of all operations that keeps each client's order?

    Failed operations are left out; an operation whose outcome is unknown may be left out or
    placed (in its client's order). Keys are tracked separately, in one interleaving.

    Args:
        history: The operations.
        model: ``register`` or ``kv``; detected from the operations when None.
        max_steps: Give up (verdict None) after exploring this many configurations.

    Returns:
        Holds with an order as the witness, or violated with the longest legal prefix.
    """
    ops = [op for op in history if op.status != "fail"]
    spec = get_model(model or detect_model(ops))
    ops = [op for op in ops if op.status == "ok" or op.f not in spec.read_only]
    for op in ops:
        spec.validate(op)
    clients: dict[object, list[Operation]] = {}
    for op in sorted(ops, key=lambda o: (o.call, o.id)):
        clients.setdefault(op.process, []).append(op)
    lanes = list(clients.values())
    keys = list(dict.fromkeys(op.key for op in ops))
    start = ((0,) * len(lanes), (spec.init,) * len(keys))
    seen = {(start[0], canonical(start[1]))}  # states by EDN equality: 1 and true differ
    stack: list[tuple[tuple[int, ...], tuple[Hashable, ...], tuple[Operation, ...]]]
    stack = [(*start, ())]
    best: tuple[Operation, ...] = ()
    while stack:
        if len(seen) > max_steps:
            return GuaranteeResult(_SC, None, f"gave up after {max_steps} configurations")
        pos, states, path = stack.pop()
        if len(path) > len(best):
            best = path
        if all(p == len(lane) for p, lane in zip(pos, lanes, strict=True)):
            return GuaranteeResult(
                _SC, True, "this order keeps each client's order and is legal", path
            )
        for c in reversed(range(len(lanes))):
            if pos[c] == len(lanes[c]):
                continue
            op = lanes[c][pos[c]]
            nxt = (*pos[:c], pos[c] + 1, *pos[c + 1 :])
            if op.status == "info" and (nxt, canonical(states)) not in seen:  # may not have run
                seen.add((nxt, canonical(states)))
                stack.append((nxt, states, path))
            k = keys.index(op.key)
            out = UNKNOWN if op.status == "info" else op.output
            legal, new = spec.step(states[k], op.f, op.input, out)
            after = (*states[:k], new, *states[k + 1 :])
            if legal and (nxt, canonical(after)) not in seen:
                seen.add((nxt, canonical(after)))
                stack.append((nxt, after, (*path, op)))
    return GuaranteeResult(
        _SC,
        False,
        f"no interleaving of the clients' operations is legal; the longest legal prefix "
        f"places {len(best)} of {len(ops)}",
        best,
    )


def check_convergence(replicas: Mapping[str, object]) -> GuaranteeResult:
    """Do all replicas hold the same final state?

    Args:
        replicas: Each replica's final state (any comparable value; a mapping of keys to
            values gets a per-key explanation).

    Returns:
        Holds, or violated naming two replicas that differ (and the first key they differ on).
    """
    names = list(replicas)
    for name in names[1:]:
        a, b = replicas[names[0]], replicas[name]
        if same(a, b):
            continue
        reason = f"replicas {names[0]} and {name} differ: {show(a)} vs {show(b)}"
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            key = next(
                k
                for k in sorted({*a, *b}, key=str)
                if not same(a.get(k, _MISSING), b.get(k, _MISSING))
            )
            va = show(a[key]) if key in a else "nothing"
            vb = show(b[key]) if key in b else "nothing"
            reason = f"replicas {names[0]} and {name} differ on key {show(key)}: {va} vs {vb}"
        return GuaranteeResult("eventual convergence", False, reason)
    count = len(names)
    return GuaranteeResult(
        "eventual convergence", True, f"all {count} replicas hold the same state"
    )
