"""``week4 check-history`` within bounds: what it refuses, its exit codes, its time and memory.

Issue 10, items 6, 8 and 9. Before the fix ``/dev/zero`` died with MemoryError, a FIFO
blocked for ever, a 50 MB log needed 1.1 GB, there was no ``--timeout`` and no verdict
*unknown*, and an integer of 5,000 digits, brackets 3,000 deep or a map as a written value
printed a traceback. Each test below failed then.
"""

import os
import random
import sys
import tracemalloc
from pathlib import Path

import pytest

from week4.cap import run_check_history
from week4.cap.check_history_cmd import HistoryFileError
from week4.cli import main


def run(capsys, *args):
    code = main(["check-history", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_anything_is_read(capsys):
    code, out, err = run(capsys, "/dev/zero")
    assert (code, out) == (2, "")
    assert err == "week4: error: cannot read /dev/zero: not a regular file\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, fifo)
    assert code == 2
    assert "not a regular file" in err


def test_a_directory_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path)
    assert code == 2
    assert err == f"week4: error: cannot read {tmp_path}: a directory\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{:process 0, :type :invoke, :f :write, :value " + "7" * 5000 + "}", "4300 digits"),
        ("[" * 3000, "nested deeper than"),
        ("[" * 3000 + "]" * 3000, "nested deeper than"),
        ("{:process 0 :type :invoke :f :read :value nil :process 1}", "twice"),
    ],
)
def test_hostile_edn_is_bad_input_on_one_line(tmp_path, capsys, text, message):
    path = tmp_path / "h.edn"
    path.write_text(text)
    code, out, err = run(capsys, path)
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


def test_a_map_as_a_written_value_gets_a_verdict(tmp_path, capsys):
    path = tmp_path / "h.edn"
    path.write_text(
        "{:process 0, :type :invoke, :f :write, :value {:a 1}}\n"
        "{:process 0, :type :ok, :f :write, :value {:a 1}}\n"
        "{:process 1, :type :invoke, :f :read, :value nil}\n"
        "{:process 1, :type :ok, :f :read, :value {:a 2}}\n"
    )
    code, out, _ = run(capsys, path)
    assert code == 1
    assert "Not linearizable" in out


def test_the_exit_codes_say_linearizable_not_and_unknown(tmp_path, capsys):
    ok = tmp_path / "ok.edn"
    ok.write_text(
        "[{:process 0 :type :invoke :f :write :value 1} {:process 0 :type :ok :f :write :value 1}]"
    )
    assert run(capsys, ok)[0] == 0
    bad = tmp_path / "bad.edn"
    bad.write_text(
        ok.read_text()[:-1]
        + " {:process 1 :type :invoke :f :read} {:process 1 :type :ok :f :read :value 2}]"
    )
    assert run(capsys, bad)[0] == 1


def hard_log(n=22):
    lines = [f"{p}\t:invoke\t:write\t{p}" for p in range(n)]
    lines += [f"{p}\t:info\t:write\t:timed-out" for p in range(n)]
    for t, v in enumerate([*range(n), 0]):
        lines += [f"{100 + t}\t:invoke\t:read\tnil", f"{100 + t}\t:ok\t:read\t{v}"]
    return "".join(f"INFO  jepsen.util - {line}\n" for line in lines)


def test_a_history_too_hard_for_the_timeout_exits_3_unknown(tmp_path):
    path = tmp_path / "hard.log"
    path.write_text(hard_log())
    ticks = iter(range(10**9))
    code, text = run_check_history(str(path), timeout=5, clock=lambda: next(ticks))
    assert code == 3
    assert "Unknown" in text
    assert "--timeout of 5 s" in text


def test_the_timeout_is_checked_while_reading_too(tmp_path):
    path = tmp_path / "long.log"
    path.write_text(
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tnil\n"
        * 2000
    )
    clock = iter(range(10**9))
    code, text = run_check_history(str(path), timeout=1, clock=lambda: next(clock))
    assert code == 3
    assert "while reading" in text


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e9", "soon"])
def test_a_timeout_out_of_range_is_refused(tmp_path, capsys, value):
    code, _, err = run(capsys, tmp_path / "x", "--timeout", value)
    assert code == 2
    assert "--timeout" in err


def test_a_bad_initial_value_is_refused(tmp_path, capsys):
    path = tmp_path / "h.edn"
    path.write_text("{:process 0 :type :invoke :f :read}")
    code, _, err = run(capsys, path, "--initial", "[1")
    assert code == 2
    assert "--initial" in err


def test_a_file_not_utf8_is_refused(tmp_path):
    path = tmp_path / "h.log"
    path.write_bytes(b"INFO  jepsen.util - 0\t:invoke\t:read\tnil\n\xff\xfe\n")
    with pytest.raises(HistoryFileError, match="not UTF-8"):
        run_check_history(str(path))


def generated_log(path, operations, seed=1):
    """A linearizable etcd-style log: 5 clients, reads, writes, cas, 2% timed-out writes."""
    rng, value, procs, fresh = random.Random(seed), None, list(range(5)), 5
    with path.open("w") as f:
        for _ in range(operations):
            i = rng.randrange(5)
            p, kind, v = procs[i], rng.choice(["read", "write"]), rng.randrange(5)
            if kind == "read":
                lines = [f"{p}\t:invoke\t:read\tnil", f"{p}\t:ok\t:read\t{value}"]
            elif rng.random() < 0.02:
                lines = [f"{p}\t:invoke\t:write\t{v}", f"{p}\t:info\t:write\t:timed-out"]
                procs[i], fresh = fresh, fresh + 1  # Jepsen gives the client a new process
            else:
                lines = [f"{p}\t:invoke\t:write\t{v}", f"{p}\t:ok\t:write\t{v}"]
                value = v
            f.write(
                "".join(f"INFO  jepsen.util - {line}\n".replace("None", "nil") for line in lines)
            )


#: The memory bound, in bytes per operation of the log (parse and search together).
BYTES_PER_OPERATION = 2_000


def test_memory_grows_with_the_operations_within_the_stated_bound(tmp_path):
    """A 50 MB log has about 630,000 operations: at 2 KB each, well under 1 GB."""
    path = tmp_path / "big.log"
    generated_log(path, 5_000)
    tracemalloc.start()
    try:
        code, text = run_check_history(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0, text
    assert peak < 5_000 * BYTES_PER_OPERATION, peak


def test_one_subprocess_run_prints_no_traceback_for_a_hostile_file(tmp_path):
    import subprocess

    path = tmp_path / "deep.edn"
    path.write_text("[" * 3000)
    done = subprocess.run(
        [sys.executable, "-m", "week4", "check-history", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_search_that_reaches_its_state_bound_exits_3_unknown(tmp_path, monkeypatch):
    from week4.cap import check_history_cmd

    monkeypatch.setattr(check_history_cmd, "MAX_STATES", 3000)
    path = tmp_path / "hard.log"
    path.write_text(hard_log())
    code, text = run_check_history(str(path), timeout=600)
    assert code == 3
    assert "bound of 3000 configurations" in text


def test_the_46_lines_of_the_issue_get_their_verdict_at_once(tmp_path, capsys):
    """22 writes time out, then a read returns a value nobody wrote (item 6)."""
    lines = [f"{p}\t:invoke\t:write\t{p}" for p in range(22)]
    lines += [f"{p}\t:info\t:write\t:timed-out" for p in range(22)]
    lines += ["22\t:invoke\t:read\tnil", "22\t:ok\t:read\t99"]
    path = tmp_path / "issue.log"
    path.write_text("".join(f"INFO  jepsen.util - {line}\n" for line in lines))
    assert len(path.read_text().splitlines()) == 46
    code, out, _ = run(capsys, path)
    assert code == 1
    assert "22 crashed write(s) that no read observed were left out" in out


def test_line_separators_inside_strings_and_a_bom_do_not_split_a_history(tmp_path, capsys):
    """Item 15: U+2028, \\x1c and \\x0c inside a string, and a byte order mark."""
    value = '"a\u2028b\x1cc\x0cd"'
    path = tmp_path / "h.edn"
    path.write_text(
        "\ufeff"
        f'{{:process 0, :type :invoke, :f :put, :key "k", :value {value}}}\n'
        f'{{:process 0, :type :ok, :f :put, :key "k", :value {value}}}\n'
        '{:process 1, :type :invoke, :f :get, :key "k", :value nil}\n'
        f'{{:process 1, :type :ok, :f :get, :key "k", :value {value}}}\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, path)
    assert (code, err) == (0, "")
    assert "2 operations" in out


def test_an_internal_error_is_one_line_and_never_exit_1(tmp_path, capsys, monkeypatch):
    from week4.cap import check_history_cmd

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(check_history_cmd, "run_check_history", broken)
    code, out, err = run(capsys, tmp_path / "any.edn")
    assert code == 70
    assert (out, err) == ("", "week4: internal error: RuntimeError: a bug\n")
    monkeypatch.setattr(check_history_cmd, "run_check_history", _raise_memory_error)
    code, out, err = run(capsys, tmp_path / "any.edn")
    assert code == 3
    assert out.startswith("Unknown: the check ran out of memory")


def _raise_memory_error(*args, **kwargs):
    raise MemoryError


def test_a_line_too_long_is_refused_with_its_number(tmp_path, capsys):
    path = tmp_path / "h.log"
    path.write_text("INFO  jepsen.util - 0\t:invoke\t:read\tnil\n" + "x" * (1 << 21))
    code, _, err = run(capsys, path)
    assert code == 2
    assert err == f"week4: error: line 2: longer than {1 << 20} characters\n"
