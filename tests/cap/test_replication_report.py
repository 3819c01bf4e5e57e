from week4.cap.checker.history import History, Operation
from week4.cap.figures.report import availability, latency_summary, stale_reads


def op(process, f, call, ret, *, input=None, output=None, status="ok"):
    return Operation(
        process, f, key="x", input=input, output=output, call=call, ret=ret, status=status
    )


def test_a_read_of_an_overwritten_value_is_stale():
    history = History(
        [
            op(0, "write", 0, 1, input=1),
            op(0, "write", 2, 3, input=2),
            op(1, "read", 5, 6, output=1),
        ]
    )
    assert [o.id for o in stale_reads(history)] == [2]


def test_a_read_of_the_initial_value_after_an_acknowledged_write_is_stale():
    history = History([op(0, "write", 0, 1, input=1), op(1, "read", 2, 3, output=None)])
    assert len(stale_reads(history)) == 1


def test_a_read_racing_a_write_is_never_stale():
    history = History(
        [
            op(0, "write", 0, 1, input=1),
            op(0, "write", 2, 10, input=2),
            op(1, "read", 3, 4, output=1),
            op(2, "read", 5, 6, output=2),
        ]
    )
    assert stale_reads(history) == []


def test_concurrent_acknowledged_writes_may_be_read_in_either_order():
    history = History(
        [
            op(0, "write", 0, 5, input=1),
            op(1, "write", 1, 4, input=2),
            op(2, "read", 6, 7, output=1),
        ]
    )
    assert stale_reads(history) == []


def test_a_successful_cas_counts_as_a_write_and_a_failed_one_does_not():
    history = History(
        [
            op(0, "write", 0, 1, input=1),
            op(0, "cas", 2, 3, input=(1, 2), output=True),
            op(1, "cas", 4, 5, input=(1, 3), output=False),
            op(2, "read", 6, 7, output=1),
            op(2, "read", 8, 9, output=2),
        ]
    )
    assert [o.id for o in stale_reads(history)] == [3]


def test_a_write_with_an_unknown_outcome_is_not_the_last_acknowledged_one():
    history = History(
        [
            op(0, "write", 0, 1, input=1),
            op(0, "write", 2, None, input=2, status="info"),
            op(1, "read", 5, 6, output=1),
            op(1, "read", 7, 8, output=2),
        ]
    )
    assert stale_reads(history) == []


def test_availability_counts_ok_among_attempted_and_latency_only_ok_operations():
    ops = [
        op(0, "read", 0, 2, output=None),
        op(1, "read", 0, 10, status="fail"),
        op(2, "write", 0, None, input=1, status="info"),
        op(0, "write", 3, 7, input=2),
    ]
    assert availability(ops).rate == 0.5
    assert latency_summary(ops) == (2.0, 4.0)
    assert latency_summary([]) == (None, None)
