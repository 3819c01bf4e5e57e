import io
import subprocess
import sys

import pytest

from week4 import cli


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "week4", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_list_names_every_scenario_with_its_chapter(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "partition-heal" in out
    assert "lossy-link" in out


def test_run_twice_with_the_same_seed_prints_the_same_bytes():
    first = run("run", "lossy-link", "--seed", "5", "--json")
    second = run("run", "lossy-link", "--seed", "5", "--json")
    assert first.returncode == 0
    assert first.stdout == second.stdout
    text = run("run", "lossy-link", "--seed", "5")
    assert text.stdout == run("run", "lossy-link", "--seed", "5").stdout


def test_set_changes_a_parameter(capsys):
    assert cli.main(["run", "lossy-link", "--set", "loss=0", "--set", "count=3"]) == 0
    assert "count=3 loss=0" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "nope"], "unknown scenario 'nope'; known scenarios:"),
        (["run", "lossy-link", "--set", "loss=2"], "expected a number from 0 to 0.9"),
        (["run", "lossy-link", "--set", "speed=1"], "unknown parameter 'speed'"),
        (["run", "lossy-link", "--set", "loss"], "expected key=value"),
        (["run", "lossy-link", "--seed", "x"], "invalid seed 'x': expected an integer"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_prints_one_line_and_exits_with_code_2(args, message):
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_the_menu_runs_a_scenario_from_stdin_and_quits():
    done = run(stdin="1\n1\nq\n")
    assert done.returncode == 0
    assert "1. The simulator" in done.stdout
    assert "Heartbeats across a partition" in done.stdout
    assert "dropped by the partition" in done.stdout


def test_the_menu_explains_an_invalid_choice_and_goes_back():
    out = io.StringIO()
    assert cli.menu(io.StringIO("9\n1\nb\nq\n"), out) == 0
    text = out.getvalue()
    assert "Please type a number from 1 to" in text
    assert text.count("chapter> ") == 3


def test_the_menu_ends_quietly_at_end_of_input():
    assert cli.menu(io.StringIO(""), io.StringIO()) == 0
    assert cli.menu(io.StringIO("1\n"), io.StringIO()) == 0
