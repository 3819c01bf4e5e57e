"""Small hand-made histories, the counterexample a reader sees, and the search budgets."""

import pytest

from week4.cap import (
    KV,
    History,
    HistoryError,
    Operation,
    UnknownModelError,
    check_linearizable,
)


def op(process, f, inp=None, out=None, *, call=0, ret=1, status="ok", key=None):
    return Operation(process, f, key=key, input=inp, output=out, call=call, ret=ret, status=status)


def test_a_read_of_a_value_never_written_is_not_linearizable():
    result = check_linearizable(
        [op(0, "write", 1, call=0, ret=1), op(1, "read", out=7, call=2, ret=3)]
    )
    assert result.linearizable is False


def test_a_read_after_a_completed_write_must_see_it():
    history = [op(0, "write", 1, call=0, ret=1), op(1, "read", out=None, call=2, ret=3)]
    assert check_linearizable(history).linearizable is False


def test_a_read_concurrent_with_a_write_may_see_the_old_or_the_new_value():
    for seen in (None, 1):
        history = [op(0, "write", 1, call=0, ret=5), op(1, "read", out=seen, call=1, ret=2)]
        assert check_linearizable(history).linearizable is True


def test_porcupines_register_examples_from_the_mit_6824_quiz():
    ok = [
        op(0, "write", 100, call=0, ret=100),
        op(1, "read", out=100, call=25, ret=75),
        op(2, "read", out=None, call=30, ret=60),
    ]
    bad = [
        op(0, "write", 200, call=0, ret=100),
        op(1, "read", out=200, call=10, ret=30),
        op(2, "read", out=None, call=40, ret=90),
    ]
    assert check_linearizable(ok).linearizable is True
    assert check_linearizable(bad).linearizable is False


def test_a_failed_operation_is_dropped_because_it_did_not_happen():
    history = [
        op(0, "write", 1, call=0, ret=1, status="fail"),
        op(1, "read", out=None, call=2, ret=3),
    ]
    assert check_linearizable(history).linearizable is True


def test_a_write_with_an_unknown_outcome_may_or_may_not_take_effect():
    for seen in (None, 1):
        history = [op(0, "write", 1, call=0, status="info"), op(1, "read", out=seen, call=5, ret=6)]
        assert check_linearizable(history).linearizable is True


def test_a_write_with_an_unknown_outcome_takes_effect_at_most_once():
    history = [
        op(0, "write", 1, call=0, status="info"),
        op(1, "read", out=1, call=1, ret=2),
        op(1, "write", 2, call=3, ret=4),
        op(1, "read", out=1, call=5, ret=6),
    ]
    assert check_linearizable(history).linearizable is False


def test_a_cas_that_failed_still_saw_the_value_was_not_the_expected_one():
    history = [op(0, "write", 3, call=0, ret=1), op(1, "cas", (3, 4), out=False, call=2, ret=3)]
    assert check_linearizable(history).linearizable is False


def test_a_write_of_the_current_value_can_still_be_needed_later():
    history = [
        op(0, "write", None, call=0, ret=0),
        op(1, "read", out=None, call=1, ret=1),
        op(2, "write", 0, call=0, ret=0),
    ]
    assert check_linearizable(history).linearizable is True


def test_a_get_of_an_untouched_key_returns_the_empty_string():
    history = [op(0, "get", out="", key="k"), op(1, "append", "x", key="j", call=2, ret=3)]
    assert check_linearizable(history, "kv").linearizable is True
    assert check_linearizable([op(0, "get", out=None, key="k")], KV).linearizable is False


def test_appends_concatenate_and_a_put_replaces():
    history = [
        op(0, "append", "a", key="k", call=0, ret=1),
        op(0, "append", "b", key="k", call=2, ret=3),
        op(1, "get", out="ab", key="k", call=4, ret=5),
        op(1, "put", "z", key="k", call=6, ret=7),
        op(1, "get", out="z", key="k", call=8, ret=9),
    ]
    assert check_linearizable(history, "kv").linearizable is True


def test_a_kv_history_is_checked_key_by_key_and_the_failing_key_is_named():
    history = [
        op(0, "put", "1", key="x", call=0, ret=1),
        op(1, "get", out="1", key="x", call=2, ret=3),
        op(0, "put", "2", key="y", call=0, ret=1),
        op(1, "get", out="", key="y", call=2, ret=3),
    ]
    result = check_linearizable(history, "kv")
    assert result.linearizable is False
    assert result.keys == 2
    assert result.counterexample.key == "y"
    assert 'for key "y"' in result.describe()


def test_the_counterexample_shows_the_longest_prefix_and_the_operation_that_cannot_follow():
    history = History(
        [
            op(0, "write", 1, call=0, ret=1),
            op(1, "write", 2, call=2, ret=3),
            op(0, "read", out=1, call=4, ret=5),
            op(1, "read", out=2, call=6, ret=7),
        ]
    )
    result = check_linearizable(history)
    counter = result.counterexample
    assert result.linearizable is False
    assert [(s.op.id, s.state) for s in counter.prefix] == [(0, 1), (1, 2)]
    assert counter.stuck is history[2]
    assert counter.state == 2
    assert counter.pending == ()
    assert result.describe().splitlines()[:5] == [
        "Not linearizable.",
        "The longest linearizable prefix has 2 operation(s):",
        "    1. process 0: write(1) [0, 1]  =>  the register holds 1",
        "    2. process 1: write(2) [2, 3]  =>  the register holds 2",
        "Then the register holds 2, and process 0: read() -> 1 [4, 5] must take effect before "
        "it returns at 5, but it cannot: it returned 1, not 2.",
    ]
    assert result.to_text() == result.describe()


def test_the_counterexample_lists_the_pending_operations_that_do_not_help():
    history = [
        op(0, "write", 1, call=0, ret=1),
        op(1, "read", out=5, call=2, ret=9),
        op(2, "read", out=2, call=3, ret=4),
    ]
    text = check_linearizable(history).describe()
    assert "process 2: read() -> 2 [3, 4] must take effect before it returns at 4" in text
    assert "it returned 2, not 1" in text
    assert "still pending makes it legal: process 1: read() -> 5 [2, 9]." in text


def test_a_linearizable_result_carries_a_linearization_in_order():
    history = [op(0, "write", 1, call=0, ret=5), op(1, "read", out=None, call=1, ret=2)]
    result = check_linearizable(history)
    assert [(s.op.f, s.state) for s in result.linearization[None]] == [("read", None), ("write", 1)]
    assert result.describe().startswith("Linearizable (register history, 1 key(s)")


def test_an_empty_history_is_linearizable():
    result = check_linearizable([])
    assert (result.linearizable, result.keys, result.states_explored) == (True, 0, 0)


def test_a_step_budget_that_runs_out_gives_no_verdict():
    history = [op(p, "write", p, call=0, ret=10) for p in range(8)]
    history.append(op(9, "read", out=99, call=11, ret=12))
    result = check_linearizable(history, max_steps=3)
    assert result.linearizable is None
    assert result.states_explored <= 3
    assert result.describe().startswith("Unknown: the search budget ran out")


def test_a_stop_callable_that_says_stop_gives_no_verdict_and_is_asked_between_quanta():
    asked = []

    def stop():
        asked.append(True)
        return True

    history = [op(0, "write", 1, call=0, ret=1)]
    assert check_linearizable(history, stop=stop).linearizable is None
    assert asked == [True]
    assert check_linearizable(history, stop=lambda: False).linearizable is True


def test_an_unknown_model_is_rejected_with_the_expected_names():
    with pytest.raises(
        UnknownModelError, match="unknown model 'queue': expected register, cas-register or kv"
    ):
        check_linearizable([], "queue")


def test_an_operation_outside_the_model_is_rejected():
    with pytest.raises(HistoryError, match="'get' of process 0 is not part of the register model"):
        check_linearizable([op(0, "get", out="", key="k")], "register")
    with pytest.raises(HistoryError, match=r"needs \[expected new\]"):
        check_linearizable([op(0, "cas", 3)], "register")
    with pytest.raises(HistoryError, match="needs a string value"):
        check_linearizable([op(0, "append", 3, key="k")], "kv")
