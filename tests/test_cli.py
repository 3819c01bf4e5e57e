import io
import subprocess
import sys

import pytest

from week4 import cli, scenarios


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
    done = run(stdin="1\n1\n\n\nq\n")
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


def test_the_menu_ends_quietly_at_end_of_input_on_a_line_of_its_own():
    for answers in ["", "1\n", "1\n1\n", "1\n1\n3\n"]:
        out = io.StringIO()
        assert cli.menu(io.StringIO(answers), out) == 0
        assert out.getvalue().endswith("> \n")


@pytest.mark.parametrize("answer", ["²", "١", "1.0", "-1", "0", "", "  "])
def test_the_menu_asks_again_for_anything_but_a_listed_ascii_number(answer):
    out = io.StringIO()
    assert cli.menu(io.StringIO(f"{answer}\nq\n"), out) == 0
    assert "Please type a number from 1 to" in out.getvalue()


def test_a_wrong_scenario_number_asks_again_in_the_same_chapter():
    out = io.StringIO()
    assert cli.menu(io.StringIO("1\n7\n²\n2\n\n\nq\n"), out) == 0
    text = out.getvalue()
    assert text.count("scenario> ") == 3
    assert text.count("chapter> ") == 2
    assert "Pings over a lossy link" in text
    assert "success rate (%)" in text


def test_the_reader_chooses_the_seed_and_parameters_and_bad_ones_are_asked_again():
    out = io.StringIO()
    answers = "1\n2\nx\n7\ncount=5 loss=2\ncount=5 loss=0\nq\n"
    assert cli.menu(io.StringIO(answers), out) == 0
    text = out.getvalue()
    assert "Please type a whole number" in text
    assert "week4: error: invalid value '2' for loss" in text
    expected = scenarios.run("lossy-link", seed=7, count=5, loss=0.0).to_text()
    assert expected in text


def test_help_mentions_the_menu():
    done = run("--help")
    assert "numbered menu" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "lossy-link", "--json", "--markdown"], "not allowed with argument --json"),
        (["run", "lossy-link", "--set", "count=3", "--set", "count=4"], "set twice"),
    ],
)
def test_conflicting_options_are_refused_not_ignored(args, message):
    done = run(*args)
    assert (done.returncode, done.stdout) == (2, "")
    assert message in done.stderr


def test_a_full_disk_gets_one_line_not_a_traceback():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "week4", "list"],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.strip() == "week4: error: cannot write the output: No space left on device"


class ClosedPipe(io.StringIO):
    """A stdout whose reader went away, as after ``week4 list | head -1``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_closing_the_pipe_ends_the_command_quietly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["list"]) == cli.EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""
