"""The checker agrees with a brute-force search on thousands of small random histories.

The oracle tries every order of the operations that respects real time (an operation may go
next only if no operation still to be placed returned before it was called), with each
operation of unknown outcome either placed somewhere or left out. It shares nothing with
the checker but the models' step functions.

Histories are decoded from Hypothesis's bytes (cheap to draw, and shrinking the bytes
towards zeros shrinks the history): operations of three processes with random calls and
returns, each given the output of a real run at a random point in its interval, then some
outputs corrupted, so that about half the histories are linearizable.
"""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from week4.cap import History, Operation, check_linearizable
from week4.cap.checker.models import MODELS, UNKNOWN

VALUES = {"register": (None, 0, 1, 2), "kv": ("x", "y", "p")}
READ_VALUES = {"register": (None, 0, 1, 2), "kv": ("", "x", "xy", "p")}
FUNCTIONS = {"register": ("read", "write", "cas"), "kv": ("get", "put", "append")}
KEYS = {"register": (None,), "kv": ("a", "b")}


def brute_force_linearizable(ops, model):
    spec = MODELS[model]
    kept = [
        op
        for op in ops
        if op.status == "ok" or (op.status == "info" and op.f not in spec.read_only)
    ]

    def search(required, optional, states):
        if not required:
            return True
        for x in required + optional:
            if any(y.ret < x.call for y in required if y is not x):
                continue
            out = UNKNOWN if x.status == "info" else x.output
            legal, new = spec.step(states.get(x.key, spec.init), x.f, x.input, out)
            if legal and search(
                [y for y in required if y is not x],
                [y for y in optional if y is not x],
                {**states, x.key: new},
            ):
                return True
        return False

    return search(
        [op for op in kept if op.status == "ok"], [op for op in kept if op.status == "info"], {}
    )


class Bytes:
    """Small numbers from Hypothesis's bytes (zeros once they run out)."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def __call__(self, n):
        value = self.data[self.pos] if self.pos < len(self.data) else 0
        self.pos += 1
        return value % n


def _schedule(take, model):
    free = [0, 0, 0]
    ops = []
    values = VALUES[model]
    for _ in range(1 + take(7)):
        p = take(3)
        call = free[p] + take(4)
        ret = call + take(5)
        free[p] = ret + 1
        f = FUNCTIONS[model][take(3)]
        status = ("ok", "ok", "ok", "ok", "info", "fail")[take(6)]
        arg = None
        if f in ("write", "put", "append"):
            arg = values[take(len(values))]
        elif f == "cas":
            arg = (values[take(4)], values[take(4)])
        key = KEYS[model][take(len(KEYS[model]))]
        ops.append(Operation(p, f, key=key, input=arg, call=call, ret=ret, status=status))
    return ops


def decode(data, model):
    take = Bytes(data)
    spec = MODELS[model]
    ops = _schedule(take, model)
    points = []
    for n, op in enumerate(ops):
        if op.status == "fail" or (op.status == "info" and take(2)):
            continue
        end = op.call + 6 if op.status == "info" else op.ret
        points.append((op.call * 2 + take(int(end - op.call) * 2 + 1), n))
    states, outputs = {}, {}
    for _, n in sorted(points):
        op = ops[n]
        state = states.get(op.key, spec.init)
        outputs[n] = (state == op.input[0]) if op.f == "cas" else state
        _, states[op.key] = spec.step(state, op.f, op.input, UNKNOWN)
    history = []
    for n, op in enumerate(ops):
        out = outputs.get(n) if op.f in ("read", "get", "cas") else None
        corrupt = n not in outputs or take(3) == 0
        if op.f in ("read", "get") and corrupt:
            out = READ_VALUES[model][take(4)]
        if op.f == "cas" and corrupt:
            out = bool(take(2))
        if op.status != "ok":
            out = None
        history.append(
            Operation(
                op.process,
                op.f,
                key=op.key,
                input=op.input,
                output=out,
                call=op.call,
                ret=op.ret,
                status=op.status,
            )
        )
    return History(history)


def _assert_valid_linearization(ops, model, result):
    """Every key's linearization places each ok operation once, in real-time order, legally."""
    spec = MODELS[model]
    for key, steps in result.linearization.items():
        placed = [step.op for step in steps]
        required = {op.id for op in ops if op.key == key and op.status == "ok"}
        assert required <= {op.id for op in placed}
        assert len({op.id for op in placed}) == len(placed)
        state = spec.init
        for n, step in enumerate(steps):
            out = UNKNOWN if step.op.status == "info" else step.op.output
            legal, state = spec.step(state, step.op.f, step.op.input, out)
            assert legal
            assert state == step.state
            assert all(not later.ret < step.op.call for later in placed[n + 1 :])


def _assert_valid_counterexample(model, result):
    """The prefix is a legal run in real-time order, and the stuck operation is not in it."""
    spec = MODELS[model]
    counter = result.counterexample
    assert counter is not None
    assert counter.stuck.status == "ok"
    placed = [step.op for step in counter.prefix]
    assert counter.stuck not in placed
    state = spec.init
    for n, step in enumerate(counter.prefix):
        out = UNKNOWN if step.op.status == "info" else step.op.output
        legal, state = spec.step(state, step.op.f, step.op.input, out)
        assert legal
        assert all(not later.ret < step.op.call for later in placed[n + 1 :])
    assert state == counter.state


FAST = settings(
    max_examples=1500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
HISTORY_BYTES = st.binary(min_size=96, max_size=96)


@FAST
@given(HISTORY_BYTES)
def test_the_register_checker_agrees_with_brute_force(data):
    history = decode(data, "register")
    result = check_linearizable(history, "register")
    assert result.linearizable is brute_force_linearizable(history.ops, "register")
    if result.linearizable:
        _assert_valid_linearization(history.ops, "register", result)
    else:
        _assert_valid_counterexample("register", result)


@FAST
@given(HISTORY_BYTES)
def test_the_kv_checker_agrees_with_brute_force(data):
    history = decode(data, "kv")
    result = check_linearizable(history, "kv")
    assert result.linearizable is brute_force_linearizable(history.ops, "kv")
    if result.linearizable:
        _assert_valid_linearization(history.ops, "kv", result)
    else:
        _assert_valid_counterexample("kv", result)


def test_the_random_histories_are_a_mix_of_linearizable_and_not():
    rng = random.Random(7)
    for model in ("register", "kv"):
        histories = [decode(rng.randbytes(96), model) for _ in range(300)]
        linearizable = sum(brute_force_linearizable(h.ops, model) for h in histories)
        assert 60 <= linearizable <= 260
        assert sum(any(op.status == "info" for op in h) for h in histories) >= 90
