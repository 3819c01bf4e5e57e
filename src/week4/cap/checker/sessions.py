"""Session guarantees per client: read-your-writes and monotonic reads (Terry et al. 1994).

These are the guarantees a client of an eventually consistent store can still hope for. A
history only shows what each operation returned, not the store's order of writes, so a
violation is reported only when it is *certain*: when every order of the writes that respects
real time (``a`` before ``b`` when ``a`` returned before ``b`` was called) makes the read stale.
Values are assumed unique per write (as Jepsen's generators make them).

- Register (read/write/cas): a read returns the value of some write (or the initial value,
  "written" before everything). A read of ``u`` is stale relative to a write ``w`` when every
  write of ``u`` returned before ``w`` was called.
- Key-value (get/put/append): appends only extend a value and a put replaces it, so a get
  reflects an earlier append when it contains the appended text, an earlier put when it starts
  with the value put, an earlier get when it extends that get's value; unless some other put
  may have come in between, which makes the check inconclusive (not a violation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from week4.cap.checker.edn.values import same
from week4.cap.checker.history import Operation, show
from week4.cap.checker.models import detect_model, get_model

_READS = ("read", "get")


@dataclass(frozen=True)
class GuaranteeResult:
    """The verdict of a weaker-guarantee checker (here and in :mod:`week4.cap.checker.weaker`).

    Attributes:
        guarantee: Its name, e.g. ``read-your-writes``.
        holds: True, False, or None when the check gave up (too large).
        reason: One sentence: why it holds or how it is violated.
        witness: The operations that show it: the offending pair, or an order that works.
    """

    guarantee: str
    holds: bool | None
    reason: str
    witness: tuple[Operation, ...] = ()

    def describe(self) -> str:
        """``guarantee: holds|violated|unknown: reason``."""
        verdict = {True: "holds", False: "violated", None: "unknown"}[self.holds]
        return f"{self.guarantee}: {verdict}: {self.reason}"


def _effective(history: Iterable[Operation]) -> list[Operation]:
    return sorted((op for op in history if op.status != "fail"), key=lambda o: (o.call, o.id))


def _writers(ops: list[Operation], key: object, value: object) -> list[tuple[float, float]]:
    """The (call, ret) of every write of ``value`` to ``key`` (the initial value: -inf)."""
    out = []
    for op in ops:
        if op.key != key:
            continue
        writes = op.f == "write" and same(op.input, value)
        swaps = op.f == "cas" and op.output is not False and isinstance(op.input, tuple | list)
        if writes or (swaps and same(op.input[1], value)):  # type: ignore[index]
            out.append((op.call, op.ret))
    if same(value, get_model("register").init):
        out.append((-float("inf"), -float("inf")))
    return out


def _may_come_between(ops: list[Operation], key: object, a: Operation, b: Operation) -> bool:
    """Whether some put to ``key`` other than ``a`` may take effect after ``a``, before ``b``."""
    return any(
        op.key == key and op.f == "put" and op is not a and op.ret >= a.call and op.call <= b.ret
        for op in ops
    )


def _sees_write(ops: list[Operation], kv: bool, w: Operation, r: Operation) -> str | None:
    """Why read ``r`` certainly misses write ``w`` (None when it may have seen it)."""
    u = r.output
    if kv:
        if not isinstance(u, str) or _may_come_between(ops, w.key, w, r):
            return None
        seen = u.startswith(str(w.input)) if w.f == "put" else str(w.input) in u
        return None if seen else f"{show(u)} does not include {w.label()}"
    value = w.input if w.f == "write" else w.input[1]  # type: ignore[index]
    if same(u, value):
        return None
    writers = _writers(ops, w.key, u)
    if not writers:
        return f"no operation wrote {show(u)}"
    if all(ret < w.call for _, ret in writers):
        return f"every write of {show(u)} returned before {w.label()} was called"
    return None


def _is_write(op: Operation) -> bool:
    if op.status != "ok":
        return False
    return op.f in ("write", "put", "append") or (op.f == "cas" and op.output is not False)


def check_read_your_writes(
    history: Iterable[Operation], model: str | None = None
) -> GuaranteeResult:
    """Does every client read its own earlier writes (or something newer)?

    Args:
        history: The operations.
        model: ``register`` or ``kv``; detected from the operations when None.

    Returns:
        Holds, or violated with the write and the read that missed it.
    """
    ops = _effective(history)
    kv = (model or detect_model(ops)) == "kv"
    last_write: dict[tuple[object, object], Operation] = {}
    for op in ops:
        slot = (op.process, op.key)
        if op.f in _READS and op.status == "ok" and slot in last_write:
            w = last_write[slot]
            why = _sees_write(ops, kv, w, op)
            if why is not None:
                return GuaranteeResult(
                    "read-your-writes",
                    False,
                    f"process {op.process} wrote with {w.label()}, then read {op.label()}: {why}",
                    (w, op),
                )
        if _is_write(op):
            last_write[slot] = op
    return GuaranteeResult("read-your-writes", True, "every client's reads see its own writes")


def _goes_back(ops: list[Operation], kv: bool, r1: Operation, r2: Operation) -> str | None:
    """Why read ``r2`` certainly returns an older value than the earlier ``r1``."""
    u1, u2 = r1.output, r2.output
    if same(u1, u2):
        return None
    if kv:
        if not isinstance(u1, str) or not isinstance(u2, str):
            return None
        if u2.startswith(u1) or _may_come_between(ops, r1.key, r1, r2):
            return None
        return f"{show(u2)} does not extend {show(u1)}"
    newer, older = _writers(ops, r1.key, u1), _writers(ops, r2.key, u2)
    if newer and older and max(ret for _, ret in older) < min(call for call, _ in newer):
        return f"every write of {show(u2)} returned before any write of {show(u1)} began"
    return None


def check_monotonic_reads(
    history: Iterable[Operation], model: str | None = None
) -> GuaranteeResult:
    """Does no client, having read a value, later read an older one?

    Args:
        history: The operations.
        model: ``register`` or ``kv``; detected from the operations when None.

    Returns:
        Holds, or violated with the two reads.
    """
    ops = _effective(history)
    kv = (model or detect_model(ops)) == "kv"
    last_read: dict[tuple[object, object], Operation] = {}
    for op in ops:
        if op.f not in _READS or op.status != "ok":
            continue
        slot = (op.process, op.key)
        if slot in last_read:
            why = _goes_back(ops, kv, last_read[slot], op)
            if why is not None:
                first = last_read[slot]
                return GuaranteeResult(
                    "monotonic reads",
                    False,
                    f"process {op.process} read {first.label()}, then {op.label()}: {why}",
                    (first, op),
                )
        last_read[slot] = op
    return GuaranteeResult("monotonic reads", True, "no client's reads go back in time")
