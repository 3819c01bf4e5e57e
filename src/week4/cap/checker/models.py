"""Sequential specifications: what a single, correct copy of the object would do.

A linearizability checker asks whether the concurrent history could have come from this
sequential object (Herlihy & Wing 1990). A model is a pure step function, as in Porcupine's
``Model`` and Knossos's models: ``step(state, f, input, output)`` says whether the operation
is legal in ``state`` and what state follows. ``output`` is :data:`UNKNOWN` for an operation
whose outcome is unknown (``info``), which may take effect without its output being checked.

Values compare as EDN does (:func:`~week4.cap.checker.edn.values.same`): ``1``, ``true``,
``1.0`` and ``"1"`` are four different values, as in Jepsen and Knossos.

The models here are *P-compositional* (Herlihy & Wing 1990; Horn & Kroening 2015): a
history is linearizable if and only if each key's sub-history is, so checkers split the
history by key and check each key on its own, exactly as Porcupine's ``Partition`` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import cast

from week4.cap.checker.edn.values import canonical, same
from week4.cap.checker.history import HistoryError, Operation, show
from week4.errors import Week4Error


class UnknownModelError(Week4Error):
    """No sequential model has the given name."""


class _Unknown:
    """The output of an operation whose outcome is unknown."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: object = _Unknown()

StepFn = Callable[[Hashable, str, object, object], tuple[bool, Hashable]]


@dataclass(frozen=True)
class Model:
    """A sequential specification.

    Attributes:
        name: ``register`` or ``kv``.
        functions: The operation names it understands.
        read_only: The functions that never change the state (an unknown-outcome call of one
            constrains nothing, so checkers drop it).
        init: The state of every key before any operation.
        step: ``(state, f, input, output) -> (legal, next_state)``.
        resets: The functions whose next state does not depend on the state (put, write).
        can_become: Optional look-ahead: ``can_become(state, output)`` is False when no
            sequence of operations other than ``resets`` leads from ``state`` to a state in
            which a read returns ``output``. Checkers use it to cut dead branches early.
        observes: ``observes(f, output)`` is True for a completed operation that never
            changes the state, whatever the state (a read; a cas that found another value).
    """

    name: str
    functions: tuple[str, ...]
    read_only: frozenset[str]
    init: Hashable
    step: StepFn
    resets: frozenset[str] = frozenset()
    can_become: Callable[[Hashable, object], bool] | None = None
    observes: Callable[[str, object], bool] | None = None

    def observer(self, op: Operation) -> bool:
        """Whether completed operation ``op`` never changes the state (see ``observes``)."""
        if op.status != "ok":
            return False
        if self.observes is not None:
            return self.observes(op.f, op.output)
        return op.f in self.read_only

    def validate(self, op: Operation) -> None:
        """Check that ``op`` is an operation of this model, with a well-formed input.

        Raises:
            HistoryError: The function is not one of this model's, or its input is malformed.
        """
        if op.f not in self.functions:
            expected = ", ".join(self.functions[:-1]) + f" or {self.functions[-1]}"
            raise HistoryError(
                f"operation {op.f!r} of process {op.process} is not part of the {self.name} "
                f"model: expected {expected}"
            )
        if op.f == "cas" and not (isinstance(op.input, tuple | list) and len(op.input) == 2):
            raise HistoryError(f"cas of process {op.process} needs [expected new], got {op.input}")
        if op.f in ("put", "append") and not isinstance(op.input, str):
            raise HistoryError(f"{op.f} of process {op.process} needs a string value")
        canonical(op.input)  # every value must compare as EDN does (a map, a set: fine)
        canonical(op.output)


def _register_step(state: Hashable, f: str, inp: object, out: object) -> tuple[bool, Hashable]:
    """A read/write/compare-and-set register (Knossos's ``cas-register``; Porcupine's etcd model).

    A cas whose output is False compared and found another value: it is legal only when the
    state differs from the expected value, and changes nothing.
    """
    if f == "read":
        return same(out, state), state
    return _write_or_cas(state, f, inp, out)


def _write_or_cas(state: Hashable, f: str, inp: object, out: object) -> tuple[bool, Hashable]:
    if f == "write":
        return True, inp
    expected, new = cast(tuple[Hashable, Hashable], inp)
    if out is UNKNOWN:
        return True, (new if same(state, expected) else state)
    if out is False:
        return not same(state, expected), state
    return same(state, expected), new


def _knossos_step(state: Hashable, f: str, inp: object, out: object) -> tuple[bool, Hashable]:
    """Knossos's ``cas-register``: as :func:`_register_step`, but a read of nil is always legal.

    Knossos's model reads ``(if (or (nil? v) (= v value)) ...)``: Jepsen records a read whose
    value it does not know as nil, so a nil read constrains nothing (knossos/model.clj).
    """
    if f == "read":
        return (out is None or same(out, state)), state
    return _write_or_cas(state, f, inp, out)


def _kv_step(state: Hashable, f: str, inp: object, out: object) -> tuple[bool, Hashable]:
    """One key of a get/put/append store; the value starts as ``""`` (Porcupine's kv model)."""
    if f == "get":
        return same(out, state), state
    if f == "put":
        return True, inp
    return True, f"{state}{inp}"


def _kv_can_become(state: Hashable, output: object) -> bool:
    """Appends only extend a value: a later get sees the current value as a prefix."""
    return isinstance(output, str) and isinstance(state, str) and output.startswith(state)


def _register_observes(f: str, output: object) -> bool:
    return f == "read" or (f == "cas" and output is False)


REGISTER = Model(
    "register",
    ("read", "write", "cas"),
    frozenset({"read"}),
    None,
    _register_step,
    frozenset({"write"}),
    observes=_register_observes,
)
CAS_REGISTER = Model(
    "cas-register",
    ("read", "write", "cas"),
    frozenset({"read"}),
    None,
    _knossos_step,
    frozenset({"write"}),
    observes=_register_observes,
)
KV = Model(
    "kv",
    ("get", "put", "append"),
    frozenset({"get"}),
    "",
    _kv_step,
    frozenset({"put"}),
    _kv_can_become,
)
MODELS: dict[str, Model] = {"register": REGISTER, "cas-register": CAS_REGISTER, "kv": KV}
_NAMES = "register, cas-register or kv"


def get_model(model: str | Model) -> Model:
    """The model called ``model`` (a :class:`Model` is returned as is).

    Raises:
        UnknownModelError: The name is not ``register``, ``cas-register`` or ``kv``.
    """
    if isinstance(model, Model):
        return model
    if not isinstance(model, str) or model not in MODELS:
        raise UnknownModelError(f"unknown model {model!r}: expected {_NAMES}")
    return MODELS[model]


def with_initial(model: Model, initial: object) -> Model:
    """``model`` with every key starting at ``initial`` (Knossos: ``(cas-register init)``).

    Raises:
        HistoryError: ``initial`` cannot be a state of the model (a kv value is a string).
    """
    if model.name == "kv" and not isinstance(initial, str):
        raise HistoryError(f"the initial value of a kv key must be a string, got {show(initial)}")
    canonical(initial)
    return dataclasses.replace(model, init=initial)


def detect_model(ops: list[Operation] | tuple[Operation, ...]) -> str:
    """``kv`` if any operation is a get, put or append, otherwise ``register``.

    (``cas-register`` is never guessed: :mod:`week4.cap.checker.jepsen` picks it for EDN files.)
    """
    return "kv" if any(op.f in KV.functions for op in ops) else "register"


def describe_state(model: Model, state: Hashable) -> str:
    """A state as a sentence fragment, e.g. ``the register holds 3``."""
    if model.name == "kv":
        return f"the value is {show(state)}"
    return f"the {model.name} holds {show(state)}"
