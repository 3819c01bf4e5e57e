"""Reading Jepsen histories: every line shape of the test data, and every kind of bad input."""

import math

import pytest

from week4.cap import HistoryError, parse_jepsen_history
from week4.cap.checker.edn import EdnError, EdnMap, Keyword, read_edn


def log(*lines):
    return "\n".join(f"INFO  jepsen.util - {line}" for line in lines) + "\n"


def test_an_etcd_read_that_returns_a_number_is_a_completed_read():
    (op,) = parse_jepsen_history(log("0\t:invoke\t:read\tnil", "0\t:ok\t:read\t4"))
    assert (op.process, op.f, op.key, op.input, op.output, op.status) == (
        0,
        "read",
        None,
        None,
        4,
        "ok",
    )
    assert (op.call, op.ret) == (1, 2)


def test_an_etcd_read_of_nil_returns_none():
    (op,) = parse_jepsen_history(log("3\t:invoke\t:read\tnil", "3\t:ok\t:read\tnil"))
    assert op.output is None
    assert op.status == "ok"


def test_an_etcd_write_carries_its_value_as_input():
    (op,) = parse_jepsen_history(log("2\t:invoke\t:write\t4", "2\t:ok\t:write\t4"))
    assert (op.f, op.input, op.output, op.status) == ("write", 4, None, "ok")


def test_an_etcd_cas_that_swapped_returns_true():
    (op,) = parse_jepsen_history(log("2\t:invoke\t:cas\t[3 0]", "2\t:ok\t:cas\t[3 0]"))
    assert (op.f, op.input, op.output, op.status) == ("cas", (3, 0), True, "ok")


def test_an_etcd_cas_that_failed_is_a_completed_cas_that_returned_false():
    (op,) = parse_jepsen_history(log("1\t:invoke\t:cas\t[1 2]", "1\t:fail\t:cas\t[1 2]"))
    assert (op.input, op.output, op.status) == ((1, 2), False, "ok")


def test_an_etcd_read_that_timed_out_has_an_unknown_outcome():
    (op,) = parse_jepsen_history(log("5\t:invoke\t:read\tnil", "5\t:fail\t:read\t:timed-out"))
    assert op.status == "info"
    assert op.ret == math.inf


def test_an_etcd_write_or_cas_that_timed_out_has_an_unknown_outcome_forever():
    ops = parse_jepsen_history(
        log(
            "7\t:invoke\t:write\t1",
            "8\t:invoke\t:cas\t[0 1]",
            "7\t:info\t:write\t:timed-out",
            "8\t:info\t:cas\t:timed-out",
        )
    )
    assert [(op.f, op.status, op.ret) for op in ops] == [
        ("write", "info", math.inf),
        ("cas", "info", math.inf),
    ]


def test_etcd_lines_separated_by_spaces_instead_of_tabs_are_read_too():
    (op,) = parse_jepsen_history(log("17  :invoke :read   nil", "17  :ok     :read   1"))
    assert (op.process, op.output) == (17, 1)


def test_an_operation_still_pending_at_the_end_has_an_unknown_outcome():
    (op,) = parse_jepsen_history(log("4\t:invoke\t:write\t3"))
    assert op.status == "info"


def test_blank_lines_are_skipped_but_still_counted_as_lines():
    text = "\n" + log("0\t:invoke\t:read\tnil") + "\n" + log("0\t:ok\t:read\t1")
    (op,) = parse_jepsen_history(text)
    assert (op.call, op.ret) == (2, 4)


def test_edn_maps_give_a_kv_history_with_keys_and_string_values():
    text = (
        '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}\n'
        '{:process 1, :type :invoke, :f :get, :key "0", :value nil}\n'
        '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}\n'
        '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}\n'
        '{:process 2, :type :invoke, :f :put, :key "1", :value "v"}\n'
        '{:process 2, :type :ok, :f :put, :key "1", :value "v"}\n'
    )
    append, get, put = parse_jepsen_history(text)
    assert (append.f, append.key, append.input, append.output) == ("append", "0", "x 0 0 y", None)
    assert (get.f, get.key, get.input, get.output) == ("get", "0", None, "x 0 0 y")
    assert (put.f, put.key, put.input, put.call, put.ret) == ("put", "1", "v", 5, 6)


def test_edn_fail_and_info_completions_and_nemesis_events():
    """In EDN, as in Jepsen and Knossos, :fail means the put did not happen."""
    text = (
        "{:process :nemesis, :type :info, :f :start, :value nil}\n"
        '{:process 0, :type :invoke, :f :put, :key "k", :value "a"}\n'
        '{:process 0, :type :fail, :f :put, :key "k", :value "a"}\n'
        '{:process 0, :type :invoke, :f :put, :key "k", :value "b"}\n'
        '{:process 0, :type :info, :f :put, :key "k", :value "b"}\n'
    )
    failed, unknown = parse_jepsen_history(text)
    assert failed.status == "fail"
    assert unknown.status == "info"


def test_edn_register_histories_without_keys_are_read_too():
    text = (
        "{:process 0 :type :invoke :f :cas :value [1 2]}\n"
        "{:process 0 :type :ok :f :cas :value [1 2]}"
    )
    (op,) = parse_jepsen_history(text)
    assert (op.f, op.key, op.input, op.output) == ("cas", None, (1, 2), True)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_empty_input_is_rejected(text):
    with pytest.raises(HistoryError, match="empty"):
        parse_jepsen_history(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (log("0\t:invoke\t:read\tnil") + "garbage\n", 2),
        ("\n" + log("0\t:invoke\t:read\tnil", "0\t:ok\t:read\t[1"), 3),
        (log("0\t:start\t:read\tnil"), 1),
        (log("0\t:invoke\t:cas\t4"), 1),
        (log("0\t:invoke\tread\tnil"), 1),
        (
            '{:process 0, :type :invoke, :f :get, :key "0", :value nil}\n'
            + log("0\t:ok\t:read\t1"),
            2,
        ),
        ('{:process 0, :type :invoke, :f :get, :key "0, :value nil}', 1),
        ("{:process 0, :type :invoke, :f :get}\n[1 2]\n", 2),
        ("{:process 0, :type :invoke, :f :get}\n{:process 0 :type}\n", 2),
        ('{:process "p", :type :invoke, :f :get}', 1),
        ("{:process 0, :type :invoke, :f :get, :key [1]}", 1),
        ("{:process 0, :type :invoke, :f :get} extra", 1),
    ],
)
def test_a_malformed_line_is_rejected_with_its_line_number(text, line):
    """Log lines say "malformed line"; EDN errors name the column too."""
    with pytest.raises(HistoryError, match=rf"^line {line}(: malformed line|, column \d+): "):
        parse_jepsen_history(text)


def test_a_completion_without_a_pending_invoke_is_an_unmatched_return():
    text = log("0\t:invoke\t:read\tnil", "0\t:ok\t:read\t1", "0\t:ok\t:read\t1")
    with pytest.raises(
        HistoryError, match=r"^line 3: unmatched return: process 0 completes a read"
    ):
        parse_jepsen_history(text)


def test_a_completion_of_another_function_is_an_unmatched_return():
    text = log("0\t:invoke\t:read\tnil", "0\t:ok\t:write\t1")
    with pytest.raises(
        HistoryError, match=r"^line 2: unmatched return: .* pending operation is a read"
    ):
        parse_jepsen_history(text)


def test_an_invoke_while_the_process_has_one_pending_is_a_duplicate_invoke():
    text = log("2\t:invoke\t:read\tnil", "2\t:invoke\t:write\t3")
    with pytest.raises(HistoryError, match=r"^line 2: duplicate invoke: process 2 invokes write"):
        parse_jepsen_history(text)


def test_error_messages_are_one_line():
    with pytest.raises(HistoryError) as caught:
        parse_jepsen_history(log("0\t:invoke\t:read\tnil") + "bad\tline\n")
    assert "\n" not in str(caught.value)


def test_the_edn_reader_reads_the_values_jepsen_writes():
    value = read_edn('{:a [1 -2 3.5], "s" "q\\"t", :n nil, :b true, :l (1 2)}')
    assert isinstance(value, EdnMap)
    assert dict(value.items()) == {
        Keyword("a"): (1, -2, 3.5),
        "s": 'q"t',
        Keyword("n"): None,
        Keyword("b"): True,
        Keyword("l"): (1, 2),
    }
    assert read_edn(":timed-out") == Keyword("timed-out")
    assert repr(read_edn(":ok")) == ":ok"


@pytest.mark.parametrize("text", ["", "[1 2", "(1 2]", "{:a}", "foo bar", ")", '"open', "1 2"])
def test_the_edn_reader_rejects_what_it_cannot_read(text):
    with pytest.raises(EdnError):
        read_edn(text)
