"""What a linearizability check found, in a form a reader can follow.

When a history is not linearizable, the evidence is the one Porcupine's visualizer and
Knossos's reports give: the longest prefix that does linearize (each operation with the state
after it) and the operation that cannot be placed next, because by the time it returned no
order of the operations still pending leads to a state in which it is legal.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from week4.cap.checker.history import Key, Operation, show
from week4.cap.checker.models import Model, describe_state


@dataclass(frozen=True)
class LinearizedStep:
    """One operation of a linearization and the state right after it takes effect."""

    op: Operation
    state: Hashable


@dataclass(frozen=True)
class Counterexample:
    """Why a history is not linearizable.

    Attributes:
        key: The key whose sub-history fails (None for a single register).
        prefix: The longest linearizable prefix found, in linearization order.
        state: The state after the prefix.
        stuck: The operation that cannot be placed next.
        pending: The other operations still pending at that point (none of them helps).
        model: The model's name.
    """

    key: Key
    prefix: tuple[LinearizedStep, ...]
    state: Hashable
    stuck: Operation
    pending: tuple[Operation, ...]
    model: Model = field(repr=False)

    def describe(self) -> str:
        """A few lines of plain text: the prefix, then why the next operation fails."""
        where = "" if self.key is None else f" for key {show(self.key)}"
        lines = [
            f"Not linearizable{where}.",
            f"The longest linearizable prefix has {len(self.prefix)} operation(s):",
        ]
        if not self.prefix:
            lines[-1] = "Not even the first operation can be placed."
        for n, step in enumerate(self.prefix, 1):
            lines.append(
                f"  {n:>3}. {step.op.describe()}  =>  {describe_state(self.model, step.state)}"
            )
        lines.append(
            f"Then {describe_state(self.model, self.state)}, and {self.stuck.describe()} must "
            f"take effect before it returns at {self.stuck.ret:g}, but it cannot: "
            f"{self._why()}."
        )
        if self.pending:
            others = "; ".join(op.describe() for op in self.pending)
            lines.append(f"No order of the operations still pending makes it legal: {others}.")
        else:
            lines.append("No other operation is pending that could change the state first.")
        return "\n".join(lines)

    def to_text(self) -> str:
        """The same as :meth:`describe`."""
        return self.describe()

    def _why(self) -> str:
        op = self.stuck
        if op.f in ("read", "get"):
            return f"it returned {show(op.output)}, not {show(self.state)}"
        if op.f == "cas" and isinstance(op.input, tuple | list):
            if op.output is False:
                return f"it failed, yet the value is {show(op.input[0])}, so it would swap"
            return f"it swapped, so the value must be {show(op.input[0])}"
        return "its output contradicts the state"


@dataclass(frozen=True)
class LinearizabilityResult:
    """The verdict of :func:`week4.cap.checker.linearizability.check_linearizable`.

    Attributes:
        linearizable: True, False, or None when the step or time budget ran out first.
        states_explored: Search configurations visited, over all keys (deterministic).
        model: The model's name.
        keys: How many keys (partitions) the history has.
        counterexample: When False: the evidence.
        linearization: When True: one linearization per key, in order.
        dropped: Crashed writes left out before the search because nothing observed them
            (see :mod:`week4.cap.checker.reduce`).
    """

    linearizable: bool | None
    states_explored: int
    model: str
    keys: int
    counterexample: Counterexample | None = None
    linearization: dict[Key, tuple[LinearizedStep, ...]] = field(default_factory=dict)
    dropped: int = 0

    def describe(self) -> str:
        """A verdict line (with the counterexample when not linearizable)."""
        head = f"{self.model} history, {self.keys} key(s), {self.states_explored} states explored"
        if self.linearizable is None:
            return f"Unknown: the search budget ran out before a verdict ({head})."
        if self.linearizable:
            ops = sum(len(steps) for steps in self.linearization.values())
            return f"Linearizable ({head}); a linearization places {ops} operation(s)."
        assert self.counterexample is not None
        return f"{self.counterexample.describe()}\n({head})"

    def to_text(self) -> str:
        """The same as :meth:`describe`."""
        return self.describe()
