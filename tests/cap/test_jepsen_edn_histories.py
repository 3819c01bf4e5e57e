"""Jepsen's own ``history.edn``, in every layout Jepsen writes, judged as Knossos judges it.

Issue 10, items 2 and 3. Before the fix, a file that starts with ``[`` was refused ("line 1:
malformed line"), one map over several lines or several maps on a line too, and a ``:fail``
completion of a cas was checked as a cas that ran and returned false, so the history of
item 2 was "not linearizable" (exit 1). Every test here failed then.
"""

import re
from pathlib import Path

import pytest

from week4.cap import HistoryError, check_linearizable, parse_jepsen_history, run_check_history

DATA = Path(__file__).resolve().parents[1] / "data"


def _maps(name):
    return [line for line in (DATA / "jepsen-kv" / name).read_text().splitlines() if line]


def one_per_line(maps):
    return "\n".join(maps) + "\n"


def vector(maps):  # history.edn: "[{...}" on the first line, "{...}]" on the last
    return "[" + "\n ".join(maps) + "]\n"


def several_per_line(maps):
    return "\n".join(", ".join(maps[i : i + 3]) for i in range(0, len(maps), 3))


def pretty(maps):  # one map over several lines, as a pretty-printer writes it
    return "[" + "\n ".join(m.replace(", :", ",\n  :") for m in maps) + "]"


def records(maps):  # Jepsen 0.3: records with :index, :time and other keys
    out = []
    for i, m in enumerate(maps):
        extra = f':index {i}, :time {1000 * i}, :node "n{i % 5}", :meta {{:tries [1 2]}}, '
        out.append("#jepsen.history.Op{" + extra + m[1:])
    return "[" + "\n".join(out) + "]"


def commented_crlf_bom(maps):
    body = "\r\n".join(f"{m} ; event {i}" for i, m in enumerate(maps))
    return "\ufeff;; a Jepsen history\r\n#_{:skipped true}\r\n" + body + "\r\n"


LAYOUTS = [one_per_line, vector, several_per_line, pretty, records, commented_crlf_bom]


def _shape(history):
    return [
        (op.process, op.f, op.key, op.input, op.output, op.status, op.call, op.ret)
        for op in history
    ]


@pytest.mark.parametrize("name", ["c01-ok.txt", "c01-bad.txt", "c10-ok.txt", "c10-bad.txt"])
@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_every_layout_gives_the_same_operations_and_porcupines_verdict(name, layout):
    maps = _maps(name)
    history = parse_jepsen_history(layout(maps))
    assert _shape(history) == _shape(parse_jepsen_history(one_per_line(maps)))
    assert len(history) * 2 == len(maps)  # every invoke completes in these files
    assert check_linearizable(history, "kv").linearizable is name.endswith("-ok.txt")


def test_the_history_of_the_issue_with_a_failed_cas_is_linearizable(tmp_path):
    path = tmp_path / "history.edn"
    path.write_text(
        "{:process 0, :type :invoke, :f :cas, :value [nil 1]}\n"
        "{:process 0, :type :fail, :f :cas, :value [nil 1], :error :connection-refused}\n"
    )
    code, text = run_check_history(str(path), None)
    assert code == 0, text
    (op,) = parse_jepsen_history(path.read_text())
    assert op.status == "fail"


@pytest.mark.parametrize("f", ["read", "write", "cas"])
def test_a_failed_operation_of_any_kind_did_not_take_effect(f):
    value = {"read": "nil", "write": "2", "cas": "[1 2]"}[f]
    text = f"""[{{:process 0, :type :invoke, :f :write, :value 1}}
      {{:process 0, :type :ok, :f :write, :value 1}}
      {{:process 1, :type :invoke, :f :{f}, :value {value}}}
      {{:process 1, :type :fail, :f :{f}, :value {value}}}
      {{:process 0, :type :invoke, :f :read, :value nil}}
      {{:process 0, :type :ok, :f :read, :value 1}}]"""
    history = parse_jepsen_history(text)
    assert [op.status for op in history] == ["ok", "fail", "ok"]
    assert check_linearizable(history, "cas-register").linearizable is True
    # Had the failed write or cas run, the register would hold 2 and the read of 1 be stale.


def test_the_etcd_logs_keep_their_own_reading_of_a_failed_cas():
    log = "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]\nINFO  jepsen.util - 1\t:fail\t:cas\t[1 2]\n"
    (op,) = parse_jepsen_history(log)
    assert (op.status, op.output) == ("ok", False)  # it ran, and found another value than 1


READ_NIL_AFTER_WRITE = """[{:process 0, :type :invoke, :f :write, :value 1}
 {:process 0, :type :ok, :f :write, :value 1}
 {:process 1, :type :invoke, :f :read, :value nil}
 {:process 1, :type :ok, :f :read, :value nil}]"""


def test_for_edn_files_a_read_of_nil_constrains_nothing_as_in_knossos(tmp_path):
    path = tmp_path / "history.edn"
    path.write_text(READ_NIL_AFTER_WRITE)
    code, text = run_check_history(str(path), None)
    assert code == 0, text
    assert "cas-register history" in text
    # The etcd register (Porcupine's) reads nil as "the register holds nil".
    assert run_check_history(str(path), "register")[0] == 1


def test_the_initial_value_is_a_parameter_read_as_edn(tmp_path):
    path = tmp_path / "history.edn"
    path.write_text(
        "{:process 0, :type :invoke, :f :read, :value nil}\n"
        '{:process 0, :type :ok, :f :read, :value "x"}\n'
    )
    assert run_check_history(str(path), None)[0] == 1  # starts as nil: "x" was never written
    assert run_check_history(str(path), None, initial='"x"')[0] == 0
    assert run_check_history(str(path), None, initial=":x")[0] == 1  # a keyword, not a string


def test_values_of_any_edn_type_are_read_and_compared_as_edn():
    text = """[{:process 0, :type :invoke, :f :write, :value {:a #{1 2}, :b [true "s"]}}
     {:process 0, :type :ok, :f :write, :value {:a #{1 2}, :b [true "s"]}}
     {:process 1, :type :invoke, :f :read, :value nil}
     {:process 1, :type :ok, :f :read, :value {:b (true "s"), :a #{2 1}}}]"""
    assert check_linearizable(parse_jepsen_history(text), "cas-register").linearizable is True
    flipped = text.replace('(true "s")', '(1 "s")')
    assert check_linearizable(parse_jepsen_history(flipped), "cas-register").linearizable is False


def test_a_history_of_nemesis_events_only_or_an_empty_vector_has_no_operations():
    nemesis = "[{:process :nemesis, :type :info, :f :kill, :value nil}]"
    for text in (nemesis, "[]", "[\n]\n"):
        history = parse_jepsen_history(text)
        assert len(history) == 0
        assert check_linearizable(history, "cas-register").linearizable is True


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[{:process 0, :type :invoke, :f :read}\n {:process 0 :type}]", "line 2, column 2"),
        ("[{:process 0, :type :invoke, :f :read} INFO]", "line 1, column 40"),
        ("{:process 0, :type :invoke, :f :read, :f :write}", "line 1, column 1"),
        (
            "[{:process 0, :type :invoke, :f :read}\n\n  {:process 0, :type :ok, :f :write}]",
            "line 3, column 3",
        ),
    ],
)
def test_errors_in_edn_histories_name_the_line_and_column(text, where):
    with pytest.raises(HistoryError) as caught:
        parse_jepsen_history(text)
    assert re.match(rf"^{where}: ", str(caught.value)), str(caught.value)
