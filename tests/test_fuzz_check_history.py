"""Hostile input for ``week4 check-history``: it answers, or refuses on one line; never a traceback.

Issue 10, items 8, 9 and 15 (and the acceptance: "the CLI never prints a traceback").
Random bytes, random EDN-flavoured text, and real Jepsen histories mutated character by
character go through ``week4.cli.main``; the exit code is always one of 0 (linearizable),
1 (not), 2 (bad input: exactly one line on stderr) and 3 (unknown), and the hand-picked
hostile files of the issue run once more through a real subprocess. Other commands' fuzz
modules live beside this one (``tests/test_fuzz_*.py``).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from week4.cli import main

DATA = Path(__file__).resolve().parent / "data"
SEEDS = [
    (DATA / "jepsen-kv" / "c01-bad.txt").read_text().splitlines()[:30],
    (DATA / "jepsen-etcd" / "etcd_091.log").read_text().splitlines()[:40],
]
ALPHABET = st.sampled_from(
    [
        *'[]{}()#_":;\\,.-+/ \n\t\r',
        *["\u2028", "\x0c", "\x1c", "\ufeff", "\x00", "é"],
        *[":process", ":type", ":invoke", ":ok", ":fail", ":info", ":f", ":read", ":write"],
        *[":cas", ":value", "nil", "true", "1", "0", "1e999", "9" * 5000, "##NaN", "#inst"],
        *["[" * 150, "INFO  jepsen.util - 0\t", "\\u00e9", "\\ud800", "#_", "#{1 1}"],
    ]
)
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(data: bytes, *args: str) -> tuple[int, str, str]:
    """``week4 check-history`` on a file holding ``data``: (exit code, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.edn"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check-history", str(path), "--timeout", "5", *args])
    return code, out.getvalue(), err.getvalue()


def assert_within_contract(code: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err
    assert code in {0, 1, 2, 3}, (code, err)
    if code == 2:
        assert out == ""
        assert err.startswith("week4: error: ")
        assert err.count("\n") == 1
    else:
        assert err == ""
        assert out


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_get_an_answer_or_a_one_line_refusal(data):
    assert_within_contract(*check(data))


@FUZZ
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_edn_flavoured_text_gets_an_answer_or_a_one_line_refusal(text):
    assert_within_contract(*check(text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), ALPHABET), max_size=6),
    st.sampled_from([(), ("--model", "register"), ("--initial", "0"), ("--model", "kv")]),
)
def test_mutated_real_histories_get_an_answer_or_a_one_line_refusal(lines, edits, args):
    text = "\n".join(lines)
    for position, dropped, inserted in edits:
        at = position % (len(text) + 1)
        text = text[:at] + inserted + text[at + dropped :]
    assert_within_contract(*check(text.encode("utf-8", "surrogatepass"), *args))


HOSTILE = {
    "huge-integer": b"{:process 0, :type :invoke, :f :write, :value " + b"7" * 5000 + b"}",
    "deep-brackets": b"[" * 3000 + b"]" * 3000,
    "map-written": b"{:process 0 :type :invoke :f :write :value {:a 1}}\n"
    b"{:process 0 :type :ok :f :write :value {:a 1}}",
    "nul-bytes": b"\x00" * 10_000,
    "bom-only": b"\xef\xbb\xbf",
    "lone-surrogate": b'{:process 0 :type :invoke :f :write :value "\\ud800"}',
    "duplicate-key": b"{:process 0 :process 1 :type :invoke :f :read}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_hostile_files_of_the_issue_stay_within_the_contract(name):
    assert_within_contract(*check(HOSTILE[name]))


def test_a_subprocess_run_on_a_hostile_file_prints_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "hostile.edn"
    path.write_bytes(HOSTILE["huge-integer"])
    done = subprocess.run(
        [sys.executable, "-m", "week4", "check-history", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert_within_contract(done.returncode, done.stdout, done.stderr)
    assert done.returncode == 2
