"""Histories of client operations, the input of every consistency checker in this chapter.

A history is what clients saw: each operation was *invoked* at some time and later completed
with one of three outcomes, exactly as Jepsen records them (Kingsbury, Jepsen and Knossos;
Porcupine uses the same model):

- ``ok``: the operation took effect, and ``output`` is what it returned.
- ``fail``: the operation definitely did not take effect. Checkers drop it.
- ``info``: the outcome is unknown (a timeout, a crash). It may or may not have taken effect,
  at any time after its call, so its return time is +infinity.

Times are numbers on any clock that all clients share: virtual milliseconds in the simulator,
line numbers in a Jepsen log. Operation ``a`` precedes ``b`` in real time when
``a.ret < b.call``; otherwise they overlap (Herlihy & Wing 1990).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator
from dataclasses import KW_ONLY, dataclass
from typing import Literal, get_args

from week4.cap.checker.edn.values import show_edn
from week4.cap.checker.errors import HistoryError

__all__ = ["STATUSES", "History", "HistoryError", "HistoryRecorder", "Key", "Operation", "show"]

Status = Literal["ok", "fail", "info"]
Key = str | int | None
STATUSES: tuple[str, ...] = get_args(Status)


def show(value: object) -> str:
    """A value as pages print it, in EDN on one line: ``nil``, ``"s"``, ``[a b]``, ``{:k 1}``."""
    return show_edn(value)


@dataclass(frozen=True, slots=True)
class Operation:
    """One client operation: its call, its completion and what it returned.

    Attributes:
        process: The client (Jepsen's process) that ran it.
        f: The function: ``read``/``write``/``cas`` for a register, ``get``/``put``/``append``
            for a key-value store.
        key: The key it touched, or None for a single register.
        input: The argument: the value written, ``(expected, new)`` for a cas.
        output: What it returned: the value read, True/False for a cas; None if unknown.
        call: When it was invoked.
        ret: When it completed; +infinity (or None, stored as +infinity) when the outcome
            is unknown (``info``).
        status: ``ok``, ``fail`` (did not happen) or ``info`` (unknown).
        id: Its position in its :class:`History` (set by the history).
    """

    process: int | str
    f: str
    _: KW_ONLY
    key: Key = None
    input: object = None
    output: object = None
    call: float = 0
    ret: float = math.inf
    status: Status = "ok"
    id: int = -1

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise HistoryError(f"unknown status {self.status!r}: expected ok, fail or info")
        if not _is_time(self.call) or self.call in (math.inf, -math.inf) or self.call != self.call:
            raise HistoryError(
                f"operation {self.f} of process {self.process}: its call time must be a finite "
                f"number, got {self.call!r}"
            )
        if self.ret is None or self.status == "info":
            object.__setattr__(self, "ret", math.inf)
        elif not _is_time(self.ret) or self.ret != self.ret or self.ret == -math.inf:
            raise HistoryError(
                f"operation {self.f} of process {self.process}: its return time must be a "
                f"number (or +infinity when unknown), got {self.ret!r}"
            )
        elif self.ret < self.call:
            raise HistoryError(f"operation {self.f} returns at {self.ret} before its call")

    def label(self) -> str:
        """A short label such as ``write(4)``, ``read() -> 3``, ``cas(1, 2) -> fail``."""
        arg = show(self.input) if self.input is not None else ""
        if self.f == "cas" and isinstance(self.input, tuple | list) and len(self.input) == 2:
            arg = f"{show(self.input[0])}, {show(self.input[1])}"
        if self.key is not None:
            arg = f"{show(self.key)}, {arg}" if arg else show(self.key)
        text = f"{self.f}({arg})"
        if self.status == "info":
            return text + " -> ?"
        if self.status == "fail":
            return text + " failed"
        if self.f == "cas":
            return text + (" -> fail" if self.output is False else " -> ok")
        if self.f in ("read", "get"):
            return f"{text} -> {show(self.output)}"
        return text

    def describe(self) -> str:
        """The label with its process and times, e.g. ``process 3: read() -> 3 [12, 15]``."""
        end = "?" if self.ret == math.inf else f"{self.ret:g}"
        return f"process {self.process}: {self.label()} [{self.call:g}, {end}]"


def _is_time(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class History:
    """An ordered list of :class:`Operation`, numbered by position.

    Args:
        ops: The operations, in any order (usually the order of their calls).
    """

    def __init__(self, ops: Iterable[Operation]) -> None:
        self.ops: tuple[Operation, ...] = tuple(
            op if op.id == i else dataclasses.replace(op, id=i) for i, op in enumerate(ops)
        )

    def __len__(self) -> int:
        return len(self.ops)

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.ops)

    def __getitem__(self, index: int) -> Operation:
        return self.ops[index]

    def __repr__(self) -> str:
        return f"History({len(self.ops)} operations)"

    def effective(self) -> list[Operation]:
        """The operations that may have taken effect: all but the ``fail`` ones."""
        return [op for op in self.ops if op.status != "fail"]

    def processes(self) -> list[int | str]:
        """The processes, in order of first appearance."""
        return list(dict.fromkeys(op.process for op in self.ops))

    def keys(self) -> list[Key]:
        """The keys, in order of first appearance."""
        return list(dict.fromkeys(op.key for op in self.ops))

    def of_process(self, process: int | str) -> list[Operation]:
        """One process's operations, in call order."""
        return sorted((op for op in self.ops if op.process == process), key=lambda o: o.call)

    def partitions(self) -> dict[Key, list[Operation]]:
        """The operations grouped by key (P-compositionality, Herlihy & Wing 1990)."""
        out: dict[Key, list[Operation]] = {}
        for op in self.ops:
            out.setdefault(op.key, []).append(op)
        return out

    def to_text(self) -> str:
        """One line per operation, in call order."""
        return "\n".join(op.describe() for op in sorted(self.ops, key=lambda o: (o.call, o.id)))


class HistoryRecorder:
    """Builds a :class:`History` from invoke and complete events, as clients record them.

    Each process has at most one operation pending at a time (Jepsen's rule); an operation
    still pending when :meth:`history` is called has an unknown outcome (``info``).
    """

    def __init__(self) -> None:
        self._ops: list[Operation] = []
        self._done: list[bool] = []
        self._pending: dict[int | str, int] = {}
        self._now: float = -math.inf

    def _tick(self, time: float) -> None:
        if not _is_time(time) or math.isnan(time) or time in (math.inf, -math.inf):
            raise HistoryError(f"a time must be a finite number, got {time!r}")
        if time < self._now:
            raise HistoryError(f"time goes backwards: {time:g} after {self._now:g}")
        self._now = time

    def pending_op(self, process: int | str) -> int | None:
        """The id of the process's pending operation, or None."""
        return self._pending.get(process)

    def operation(self, op_id: int) -> Operation:
        """The operation with id ``op_id`` as recorded so far."""
        return self._ops[op_id]

    def invoke(
        self, process: int | str, f: str, input: object = None, key: Key = None, *, time: float
    ) -> int:
        """Record a call and return its operation id.

        Raises:
            HistoryError: The process already has an operation pending, or time went back.
        """
        if process in self._pending:
            prev = self._ops[self._pending[process]]
            raise HistoryError(
                f"process {process} invokes {f} while its {prev.f} (called at {prev.call:g}) "
                "is still pending"
            )
        self._tick(time)
        op_id = len(self._ops)
        self._ops.append(Operation(process, f, key=key, input=input, call=time, id=op_id))
        self._done.append(False)
        self._pending[process] = op_id
        return op_id

    def complete(self, op_id: int, status: Status, output: object, time: float) -> None:
        """Record the completion of operation ``op_id``.

        Raises:
            HistoryError: Unknown or already completed operation, bad status, time went back.
        """
        if not 0 <= op_id < len(self._ops) or self._done[op_id]:
            raise HistoryError(f"operation {op_id} is not pending")
        if status not in STATUSES:
            raise HistoryError(f"unknown status {status!r}: expected ok, fail or info")
        self._tick(time)
        op = self._ops[op_id]
        self._ops[op_id] = Operation(
            op.process,
            op.f,
            key=op.key,
            input=op.input,
            output=output,
            call=op.call,
            ret=time,
            status=status,
            id=op_id,
        )
        self._done[op_id] = True
        del self._pending[op.process]

    def history(self) -> History:
        """The history so far; operations still pending count as ``info`` (unknown)."""
        return History(
            op if done else dataclasses.replace(op, status="info")
            for op, done in zip(self._ops, self._done, strict=True)
        )
