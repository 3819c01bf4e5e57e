"""The runner Try-it blocks share between the build and Pyodide: output and one-line errors."""

import json
import runpy
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "docs" / "javascripts" / "tryit_runner.py"


@pytest.fixture(scope="module")
def run():
    namespace = runpy.run_path(str(RUNNER))
    return lambda code: json.loads(namespace["run"](code))


def test_printed_output_is_captured_stdout_and_stderr_alike(run):
    code = "import sys\nprint('out')\nprint('err', file=sys.stderr)\n"
    assert run(code) == {"output": "out\nerr\n", "error": None}


def test_each_run_starts_with_a_fresh_namespace(run):
    assert run("x = 1\n")["error"] is None
    assert run("print(x)\n")["error"] == "NameError: name 'x' is not defined (line 1)"


def test_an_exception_is_one_line_naming_the_error_and_the_line(run):
    result = run("print('before')\n\n1 / 0\n")
    assert result == {"output": "before\n", "error": "ZeroDivisionError: division by zero (line 3)"}


def test_an_exception_raised_deep_in_week4_points_at_the_readers_line(run):
    code = "from week4 import scenarios\nscenarios.get('partition-heal').run(seed=1, nodes=99)\n"
    error = run(code)["error"]
    assert error.startswith("ParameterError: ")
    assert "nodes" in error
    assert error.endswith("(line 2)")


def test_syntax_errors_and_exits_are_reported_not_raised(run):
    assert run("print(1\n")["error"].startswith("SyntaxError: ")
    assert run("raise SystemExit(3)\n")["error"] == "SystemExit: 3 (line 1)"
    assert "Traceback" not in json.dumps(run("def f(:\n"))
