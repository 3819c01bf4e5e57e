"""The EDN reader: everything the EDN specification has, and the limits that keep it safe.

Issue 10, items 3, 9 and 15. Before the fix the reader knew only nil, booleans, numbers,
strings, keywords, vectors, lists and maps (no sets, characters, tags, ``#_``, comments),
accepted duplicate map keys, raised ValueError on an integer of more than 4,300 digits and
RecursionError on deep nesting, and the line-based parser split strings at U+2028.
"""

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cap import HistoryError
from week4.cap.checker.edn import (
    Char,
    EdnError,
    EdnMap,
    EdnSet,
    Keyword,
    Symbol,
    Tagged,
    iter_edn,
    lines_of,
    read_edn,
    same,
    show_edn,
)
from week4.cap.checker.edn.reader import MAX_DEPTH, MAX_DIGITS


def test_scalars_read_as_edn_defines_them():
    assert read_edn("nil") is None
    assert read_edn("true") is True
    assert read_edn("false") is False
    assert read_edn("-17") == -17
    assert read_edn("+5") == 5
    assert read_edn("12345678901234567890N") == 12345678901234567890
    assert read_edn("2.5e3") == 2500.0
    assert read_edn("1.50M") == Decimal("1.50")
    assert read_edn("##Inf") == math.inf
    assert math.isnan(read_edn("##NaN"))
    assert read_edn(":ns/name") == Keyword("ns/name")
    assert read_edn("foo.bar/baz") == Symbol("foo.bar/baz")
    assert read_edn("\\a") == Char("a")
    assert read_edn("\\newline") == Char("\n")
    assert read_edn("\\u00e9") == Char("é")


def test_string_escapes_and_line_separators_inside_strings():
    assert read_edn(r'"a\tb\nc\"d\\e\u00e9\f\b\r"') == 'a\tb\nc"d\\eé\f\b\r'
    for odd in ("\u2028", "\x1c", "\x0c", "\x85", "\n"):
        assert read_edn(f'"x{odd}y"') == f"x{odd}y"
    assert read_edn(r'"\ud83d\ude00"') == "😀"  # a surrogate pair written as two escapes


def test_collections_tags_comments_discards_and_commas():
    value = read_edn("""
        ; a comment
        {:v [1, 2, 3], :l (4 5), :s #{1 true "1"}, :skip #_ :ignored :kept,
         :when #inst "2024-01-01T00:00:00Z", :id #uuid "0000-1"}
    """)
    assert isinstance(value, EdnMap)
    assert value[Keyword("v")] == (1, 2, 3)
    assert value[Keyword("l")] == (4, 5)
    s = value[Keyword("s")]
    assert isinstance(s, EdnSet)
    assert len(s) == 3
    assert True in s
    assert "1" in s
    assert value[Keyword("skip")] == Keyword("kept")
    assert value[Keyword("when")] == Tagged("inst", "2024-01-01T00:00:00Z")
    assert value[Keyword("id")] == Tagged("uuid", "0000-1")
    record = read_edn("#jepsen.history.Op{:process 0, :type :ok}")
    assert isinstance(record, Tagged)
    assert record.tag == "jepsen.history.Op"
    assert record.value[Keyword("type")] == Keyword("ok")


def test_a_map_keeps_keys_that_python_would_merge():
    value = read_edn('{1 :int, true :bool, 1.0 :float, "1" :str, :1 :kw}')
    assert len(value) == 5
    assert value[True] == Keyword("bool")
    assert value[1] == Keyword("int")


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("1", "true", False),
        ("1", "1.0", False),
        ("1", '"1"', False),
        (":a", '"a"', False),
        ("\\a", '"a"', False),
        ("1", "1N", True),
        ("0.0", "-0.0", True),
        ("[1 2]", "(1 2)", True),
        ("{:a 1 :b 2}", "{:b 2 :a 1}", True),
        ("#{1 2}", "#{2 1}", True),
        ("[1 [true]]", "[1 [1]]", False),
    ],
)
def test_values_compare_as_clojure_compares_them(a, b, equal):
    assert same(read_edn(a), read_edn(b)) is equal


def test_python_values_compare_with_edn_equality_too():
    assert not same(1, True)
    assert not same(1, 1.0)
    assert not same(0, False)
    assert same([1, 2], (1, 2))
    assert same({"a": 1}, read_edn('{"a" 1}'))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{:a 1 :a 2}", "line 1, column 1: a map has the key :a twice"),
        ("[1\n {:b 1\n  :b 1}]", "line 2, column 2: a map has the key :b twice"),
        ("#{1 1}", "same element twice"),
        ("9" * (MAX_DIGITS + 1), f"more than {MAX_DIGITS} digits"),
        ("[" * 3000, f"nested deeper than {MAX_DEPTH} levels"),
        ('"\\ud800"', "lone surrogate"),
        ('"\\q"', "invalid escape"),
        ("\\abc", "unknown character"),
        ("##Foo", "unknown symbolic value"),
        ("1.2.3", "invalid number"),
        ("#", "cannot read"),
        ("#_", "needs a value"),
        ("[1 #_]", "unexpected ']'"),
        ("(1 2]", "closed by ']'"),
        ("[\n\n   }", "line 3, column 4: '[' (line 1) closed by '}'"),
        ('"never closed', "unclosed string"),
    ],
)
def test_bad_edn_is_a_one_line_history_error_naming_where(text, message):
    with pytest.raises(EdnError) as caught:
        read_edn(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, HistoryError)


def test_an_integer_of_exactly_the_digit_limit_is_read():
    assert read_edn("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)


def test_nesting_up_to_the_limit_is_read_without_recursion():
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = read_edn(deep)
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == ()


def test_a_byte_order_mark_is_skipped():
    assert read_edn("\ufeff{:a 1}") == read_edn("{:a 1}")


def test_top_level_vector_elements_stream_with_their_positions():
    text = '[{:a 1} {:b 2}\n  {:c\n   "x\u2028y"}]\n'
    got = [(show_edn(v), line, col) for v, line, col in iter_edn(lines_of(text))]
    assert got == [("{:a 1}", 1, 2), ("{:b 2}", 1, 9), ('{:c "x\\u2028y"}', 2, 3)]


def test_text_after_the_closing_bracket_of_the_history_is_refused():
    with pytest.raises(EdnError, match="line 2, column 1: unexpected text after the closing"):
        list(iter_edn(lines_of("[{:a 1}]\n{:b 2}")))


def test_a_token_may_span_chunks_however_the_text_is_cut():
    text = '{:value "a string\nover lines", :n 12345} ; note\n{:n 2}'
    whole = [show_edn(v) for v, _, _ in iter_edn([text])]
    for size in (1, 2, 3, 7):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert [show_edn(v) for v, _, _ in iter_edn(pieces)] == whole


EDN_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.builds(Keyword, st.from_regex(r"[a-z][a-z0-9\-]{0,5}", fullmatch=True)),
    lambda inner: (
        st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.integers(), inner, max_size=3).map(lambda d: EdnMap(d.items()))
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(EDN_VALUES)
def test_what_show_edn_writes_reads_back_as_the_same_value(value):
    assert same(read_edn(show_edn(value)), value)


FLAT_VALUES = st.sampled_from(
    ["nil", "true", "false", "-12", "+3", "0", '"s p"', '"q\\"t"', '""', ":kw", ":a/b", '"x\\ny"']
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9\-?]{0,6}", fullmatch=True), FLAT_VALUES)))
def test_the_fast_path_for_flat_maps_reads_what_the_full_reader_reads(entries):
    fast = "{" + ", ".join(f":{k} {v}" for k, v in entries) + "}"
    slow = fast.replace(", ", ",\n")  # a map over several lines takes the full reader
    try:
        expected = read_edn(slow)
    except EdnError as exc:  # duplicate keys: the same refusal, from both
        with pytest.raises(EdnError, match=re.escape(str(exc).split(": ", 1)[1])):
            read_edn(fast)
        return
    assert show_edn(read_edn(fast)) == show_edn(expected)
