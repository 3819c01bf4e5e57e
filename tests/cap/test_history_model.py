"""The history data model and the recorder that simulated clients write to."""

import math

import pytest

from week4.cap import History, HistoryError, HistoryRecorder, Operation
from week4.errors import Week4Error


def test_a_recorder_pairs_invokes_with_completions_into_operations():
    rec = HistoryRecorder()
    w = rec.invoke("c1", "write", 3, time=0.0)
    r = rec.invoke("c2", "read", None, time=1.0)
    rec.complete(w, "ok", None, 2.5)
    rec.complete(r, "ok", 3, 4.0)
    write, read = rec.history()
    assert (write.process, write.f, write.input, write.call, write.ret) == (
        "c1",
        "write",
        3,
        0,
        2.5,
    )
    assert (read.output, read.status, read.id) == (3, "ok", 1)


def test_an_operation_still_pending_when_the_history_is_taken_has_an_unknown_outcome():
    rec = HistoryRecorder()
    rec.invoke(0, "put", "v", key="k", time=5)
    (op,) = rec.history()
    assert (op.status, op.ret, op.key) == ("info", math.inf, "k")


def test_an_info_completion_frees_the_process_and_makes_the_return_infinite():
    rec = HistoryRecorder()
    first = rec.invoke(0, "write", 1, time=0)
    rec.complete(first, "info", None, 3)
    rec.invoke(0, "read", time=4)
    assert rec.history()[0].ret == math.inf


def test_a_process_cannot_invoke_while_its_previous_operation_is_pending():
    rec = HistoryRecorder()
    rec.invoke(0, "read", time=0)
    with pytest.raises(HistoryError, match="still pending"):
        rec.invoke(0, "write", 1, time=1)


def test_completing_an_unknown_or_finished_operation_is_an_error():
    rec = HistoryRecorder()
    op = rec.invoke(0, "read", time=0)
    rec.complete(op, "ok", None, 1)
    with pytest.raises(HistoryError, match="not pending"):
        rec.complete(op, "ok", None, 2)
    with pytest.raises(HistoryError, match="not pending"):
        rec.complete(7, "ok", None, 2)


def test_a_bad_status_or_time_going_backwards_is_an_error():
    rec = HistoryRecorder()
    op = rec.invoke(0, "read", time=5)
    with pytest.raises(HistoryError, match="expected ok, fail or info"):
        rec.complete(op, "done", None, 6)  # type: ignore[arg-type]
    with pytest.raises(HistoryError, match="backwards"):
        rec.complete(op, "ok", None, 4)


def test_history_errors_are_week4_errors():
    assert issubclass(HistoryError, Week4Error)


def test_an_operation_with_an_unknown_outcome_returns_at_infinity_even_if_given_none():
    op = Operation(0, "write", input=1, call=2, ret=None, status="ok")  # type: ignore[arg-type]
    assert op.ret == math.inf
    assert Operation(0, "write", input=1, call=2, ret=3, status="info").ret == math.inf


def test_an_operation_cannot_return_before_its_call():
    with pytest.raises(HistoryError, match="before its call"):
        Operation(0, "read", call=5, ret=4)


def test_operations_describe_themselves_for_readers():
    assert Operation(1, "read", output=None, call=1, ret=2).label() == "read() -> nil"
    assert (
        Operation(1, "cas", input=(1, 2), output=False, call=1, ret=2).label()
        == "cas(1, 2) -> fail"
    )
    assert (
        Operation(1, "cas", input=(1, 2), output=True, call=1, ret=2).label() == "cas(1, 2) -> ok"
    )
    assert (
        Operation(2, "write", input=4, status="info").describe()
        == "process 2: write(4) -> ? [0, ?]"
    )
    assert Operation(3, "append", key="k", input="x", call=1, ret=2).label() == 'append("k", "x")'
    assert Operation(3, "get", key="k", output="x", call=1, ret=2).label() == 'get("k") -> "x"'
    assert Operation(3, "put", key="k", input="v", status="fail").label() == 'put("k", "v") failed'


def test_a_history_numbers_its_operations_and_groups_them():
    h = History(
        [
            Operation("a", "put", key="x", input="1", call=0, ret=1),
            Operation("b", "get", key="y", output="", call=0, ret=1, status="fail"),
            Operation("a", "get", key="x", output="1", call=2, ret=3),
        ]
    )
    assert [op.id for op in h] == [0, 1, 2]
    assert h.keys() == ["x", "y"]
    assert h.processes() == ["a", "b"]
    assert [op.id for op in h.of_process("a")] == [0, 2]
    assert [op.id for op in h.effective()] == [0, 2]
    assert {k: len(v) for k, v in h.partitions().items()} == {"x": 2, "y": 1}
    assert len(h) == 3
    assert h[2].output == "1"
    assert repr(h) == "History(3 operations)"
    assert h.to_text().splitlines()[0] == 'process a: put("x", "1") [0, 1]'
