"""``week4 check-history``: the function behind the command."""

import shutil
from pathlib import Path

import pytest

from week4.cap import HistoryError, HistoryFileError, UnknownModelError, run_check_history
from week4.errors import Week4Error

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_linearizable_etcd_log_exits_zero_and_says_so():
    code, text = run_check_history(str(DATA / "jepsen-etcd" / "etcd_002.log"), None)
    assert code == 0
    assert text.startswith("etcd_002.log: ")
    assert "Linearizable (register history" in text


def test_a_violating_kv_history_exits_one_with_the_counterexample():
    code, text = run_check_history(str(DATA / "jepsen-kv" / "c10-bad.txt"), None)
    assert code == 1
    assert "Not linearizable for key" in text
    assert "The longest linearizable prefix has" in text
    assert "(kv history" in text


def test_the_model_can_be_given_explicitly(tmp_path):
    path = tmp_path / "h.txt"
    shutil.copy(DATA / "jepsen-kv" / "c01-ok.txt", path)
    assert run_check_history(str(path), "kv")[0] == 0
    with pytest.raises(HistoryError, match="not part of the register model"):
        run_check_history(str(path), "register")


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(HistoryFileError, match=r"^cannot read .*nope\.log: no such file$"):
        run_check_history(str(tmp_path / "nope.log"), None)


def test_a_directory_or_binary_file_is_rejected(tmp_path):
    with pytest.raises(HistoryFileError, match="directory"):
        run_check_history(str(tmp_path), None)
    blob = tmp_path / "blob"
    blob.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(HistoryFileError, match="not UTF-8"):
        run_check_history(str(blob), None)


def test_a_malformed_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "h.log"
    path.write_text("INFO  jepsen.util - 0\t:invoke\t:read\tnil\nnonsense\n")
    with pytest.raises(HistoryError, match=r"^line 2: malformed line"):
        run_check_history(str(path), None)


def test_an_unknown_model_is_rejected_before_the_file_is_read(tmp_path):
    with pytest.raises(UnknownModelError, match="expected register, cas-register or kv"):
        run_check_history(str(tmp_path / "missing"), "queue")


def test_every_error_is_a_week4_error():
    for error in (HistoryError, HistoryFileError, UnknownModelError):
        assert issubclass(error, Week4Error)
