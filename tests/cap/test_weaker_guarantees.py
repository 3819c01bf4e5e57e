"""Checkers for sequential consistency, session guarantees and convergence."""

from week4.cap import (
    Operation,
    check_convergence,
    check_linearizable,
    check_monotonic_reads,
    check_read_your_writes,
    check_sequential_consistency,
)


def op(process, f, inp=None, out=None, *, call=0, ret=1, status="ok", key=None):
    return Operation(process, f, key=key, input=inp, output=out, call=call, ret=ret, status=status)


STALE_READ = [op("a", "write", 1, call=0, ret=1), op("b", "read", out=None, call=2, ret=3)]


def test_a_stale_read_by_another_client_is_sequentially_consistent_but_not_linearizable():
    sc = check_sequential_consistency(STALE_READ)
    assert sc.holds is True
    assert [o.f for o in sc.witness] == ["read", "write"]
    assert check_linearizable(STALE_READ).linearizable is False


def test_two_clients_that_see_two_writes_in_opposite_orders_are_not_sequentially_consistent():
    history = [
        op("w1", "write", 1, call=0, ret=1),
        op("w2", "write", 2, call=0, ret=1),
        op("a", "read", out=1, call=2, ret=3),
        op("a", "read", out=2, call=4, ret=5),
        op("b", "read", out=2, call=2, ret=3),
        op("b", "read", out=1, call=4, ret=5),
    ]
    result = check_sequential_consistency(history)
    assert result.holds is False
    assert "no interleaving" in result.reason
    assert result.describe().startswith("sequential consistency: violated: ")


def test_sequential_consistency_keeps_a_clients_own_order():
    history = [op("a", "write", 1, call=0, ret=1), op("a", "read", out=None, call=2, ret=3)]
    assert check_sequential_consistency(history).holds is False


def test_sequential_consistency_may_leave_out_an_operation_with_an_unknown_outcome():
    history = [op("a", "write", 1, status="info"), op("b", "read", out=None, call=2, ret=3)]
    assert check_sequential_consistency(history).holds is True
    history = [op("a", "put", "x", key="k", status="info"), op("b", "get", out="x", key="k")]
    assert check_sequential_consistency(history, "kv").holds is True


def test_sequential_consistency_gives_up_when_the_budget_runs_out():
    history = [op(p, "write", p, call=0, ret=1) for p in range(6)]
    history.append(op(9, "read", out=42, call=2, ret=3))
    result = check_sequential_consistency(history, max_steps=5)
    assert result.holds is None
    assert result.describe().startswith("sequential consistency: unknown")


def test_a_client_that_reads_back_an_older_value_than_its_own_write_violates_read_your_writes():
    history = [
        op("b", "write", 0, call=0, ret=1),
        op("a", "write", 1, call=2, ret=3),
        op("a", "read", out=0, call=4, ret=5),
    ]
    result = check_read_your_writes(history)
    assert result.holds is False
    assert [o.f for o in result.witness] == ["write", "read"]
    assert "every write of 0 returned before write(1) was called" in result.reason


def test_a_read_of_a_concurrent_newer_write_does_not_violate_read_your_writes():
    history = [
        op("a", "write", 1, call=0, ret=3),
        op("b", "write", 2, call=1, ret=2),
        op("a", "read", out=2, call=4, ret=5),
    ]
    assert check_read_your_writes(history).holds is True


def test_reading_a_value_nobody_wrote_after_a_write_violates_read_your_writes():
    history = [op("a", "write", 1, call=0, ret=1), op("a", "read", out=None, call=2, ret=3)]
    assert "before write(1) was called" in check_read_your_writes(history).reason
    history = [op("a", "write", 1, call=0, ret=1), op("a", "read", out=9, call=2, ret=3)]
    assert check_read_your_writes(history).reason.endswith("no operation wrote 9")


def test_read_your_writes_on_a_kv_store_looks_for_the_appended_text():
    missed = [
        op("a", "append", "x", key="k", call=0, ret=1),
        op("a", "get", out="", key="k", call=2, ret=3),
    ]
    assert check_read_your_writes(missed).holds is False
    seen = [
        op("a", "append", "x", key="k", call=0, ret=1),
        op("a", "get", out="yx", key="k", call=2, ret=3),
    ]
    assert check_read_your_writes(seen).holds is True
    overwritten = [*missed, op("b", "put", "z", key="k", call=1, ret=2)]
    assert check_read_your_writes(overwritten).holds is True


def test_a_client_whose_second_read_goes_back_in_time_violates_monotonic_reads():
    history = [
        op("w", "write", 1, call=0, ret=1),
        op("w", "write", 2, call=2, ret=3),
        op("a", "read", out=2, call=4, ret=5),
        op("a", "read", out=1, call=6, ret=7),
    ]
    result = check_monotonic_reads(history)
    assert result.holds is False
    assert [o.output for o in result.witness] == [2, 1]
    assert check_monotonic_reads(history[:3]).holds is True


def test_monotonic_reads_on_a_kv_store_need_each_get_to_extend_the_last():
    history = [
        op("a", "get", out="xy", key="k", call=0, ret=1),
        op("a", "get", out="x", key="k", call=2, ret=3),
    ]
    assert check_monotonic_reads(history, "kv").holds is False
    assert check_monotonic_reads(
        [*history[:1], op("a", "get", out="xyz", key="k", call=2, ret=3)]
    ).holds


def test_replicas_that_hold_the_same_state_have_converged():
    result = check_convergence({"n1": {"x": 1}, "n2": {"x": 1}, "n3": {"x": 1}})
    assert result.holds is True
    assert result.reason == "all 3 replicas hold the same state"


def test_replicas_that_differ_have_not_converged_and_the_key_is_named():
    result = check_convergence({"n1": {"x": 1, "y": 2}, "n2": {"x": 1, "y": 3}})
    assert result.holds is False
    assert result.reason == 'replicas n1 and n2 differ on key "y": 2 vs 3'
    missing = check_convergence({"n1": {"x": 1}, "n2": {}})
    assert missing.reason == 'replicas n1 and n2 differ on key "x": 1 vs nothing'
    plain = check_convergence({"a": 4, "b": 5})
    assert plain.reason == "replicas a and b differ: 4 vs 5"
