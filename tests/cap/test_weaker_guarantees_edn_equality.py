"""The weaker checkers compare values as EDN does, like the linearizability checker.

Issue 10, item 4 ("look for the same kind of defect nearby"): before the fix, sequential
consistency, read-your-writes and convergence took ``1`` and ``True`` (or ``1.0``) for the
same value, as Python's ``==`` does, so three of the tests below passed a history they
must fail (the fourth guards the search's table of states seen).
"""

from week4.cap import (
    Operation,
    check_convergence,
    check_read_your_writes,
    check_sequential_consistency,
)


def test_sequential_consistency_tells_1_from_true():
    history = [
        Operation("a", "write", input=1, call=0, ret=1),
        Operation("b", "read", output=True, call=2, ret=3),
    ]
    assert check_sequential_consistency(history, "register").holds is False


def test_sequential_consistency_keeps_states_that_python_would_merge_apart():
    # The state after write(True) and after write(1) must not share a "seen" entry.
    history = [
        Operation("a", "write", input=True, call=0, ret=1),
        Operation("a", "read", output=True, call=2, ret=3),
        Operation("b", "write", input=1, call=0, ret=1),
        Operation("b", "read", output=1, call=2, ret=3),
    ]
    assert check_sequential_consistency(history, "register").holds is True


def test_read_your_writes_tells_1_from_1_0():
    history = [
        Operation("a", "write", input=1, call=0, ret=1),
        Operation("a", "read", output=1.0, call=2, ret=3),
    ]
    result = check_read_your_writes(history, "register")
    assert result.holds is False
    assert "no operation wrote 1.0" in result.reason


def test_convergence_tells_1_from_true_and_names_the_key():
    assert check_convergence({"n1": 1, "n2": True}).holds is False
    result = check_convergence({"n1": {"x": 1, "y": 0}, "n2": {"x": 1, "y": False}})
    assert result.holds is False
    assert "differ on key" in result.reason
    assert check_convergence({"n1": {"x": (1, 2)}, "n2": {"x": (1, 2)}}).holds is True
