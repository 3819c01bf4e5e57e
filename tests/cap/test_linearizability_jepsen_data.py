"""The checker agrees with every verdict Porcupine's test suite asserts on real Jepsen data."""

from pathlib import Path

import pytest

from week4.cap import check_linearizable, parse_jepsen_history

DATA = Path(__file__).resolve().parents[1] / "data"
VERDICTS = dict(
    line.split() for line in (DATA / "jepsen-etcd" / "VERDICTS.txt").read_text().splitlines()
)
KV_FILES = sorted(p.name for p in (DATA / "jepsen-kv").glob("*.txt"))


def test_the_data_holds_102_etcd_verdicts_and_six_kv_histories():
    assert len(VERDICTS) == 102
    assert "etcd_095.log" not in VERDICTS
    assert len(KV_FILES) == 6


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_an_etcd_history_gets_porcupines_verdict(name):
    history = parse_jepsen_history((DATA / "jepsen-etcd" / name).read_text())
    result = check_linearizable(history, "register")
    assert result.linearizable is (VERDICTS[name] == "linearizable")
    assert (result.counterexample is None) is result.linearizable


@pytest.mark.parametrize("name", KV_FILES)
def test_a_kv_history_is_linearizable_exactly_when_its_name_says_ok(name):
    history = parse_jepsen_history((DATA / "jepsen-kv" / name).read_text())
    result = check_linearizable(history, "kv")
    assert result.linearizable is name.endswith("-ok.txt")
    assert result.keys == len(history.keys())


def test_keys_are_searched_interleaved_so_a_quick_violation_is_not_kept_waiting():
    # Searched alone, key "0" of c50-bad needs millions of configurations; interleaved with
    # the other keys, key "1" (or "4") proves the violation within a few hundred.
    history = parse_jepsen_history((DATA / "jepsen-kv" / "c50-bad.txt").read_text())
    result = check_linearizable(history, "kv")
    assert result.linearizable is False
    assert result.states_explored < 5_000
    assert result.counterexample is not None
    assert result.counterexample.key in ("1", "4")


def test_the_number_of_states_explored_is_the_same_on_every_run():
    history = parse_jepsen_history((DATA / "jepsen-etcd" / "etcd_099.log").read_text())
    counts = {check_linearizable(history).states_explored for _ in range(3)}
    assert len(counts) == 1


def test_the_etcd_095_log_that_porcupine_skips_is_empty_and_rejected():
    from week4.cap import HistoryError

    with pytest.raises(HistoryError, match="empty"):
        parse_jepsen_history((DATA / "jepsen-etcd" / "etcd_095.log").read_text())
