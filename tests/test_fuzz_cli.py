"""Hostile command lines: the CLI answers, or refuses in one line with exit code 2.

Whatever the arguments, ``week4`` never prints a traceback; a refusal is exactly one line on
stderr and nothing on stdout; and ``--json`` output is strict JSON (no ``NaN`` or
``Infinity``, which :func:`json.loads` would accept but strict parsers refuse). The
scenarios come from the registry, so every chapter is covered as soon as it registers; the
values are the ones that broke command lines before (non-ASCII digits, huge integers,
infinities, empty strings). Companion modules: ``test_fuzz_check_history.py`` (history
files) and ``test_scenario_limits.py`` (every scenario at its extremes).
"""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from week4 import cli, scenarios

NAMES = [s.name for s in scenarios.all_scenarios()]
KEYS = [*sorted({p.name for s in scenarios.all_scenarios() for p in s.params}), "", "=", "x y"]
HOSTILE = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e309",
    "-1",
    "-0",
    "0",
    "²",
    "١",
    "",
    " ",
    "0x10",
    "1_000",
    "5 ms",
    "true",
    "None",
    "9" * 5000,
    "\x00",
    "\ud800",
    "é" * 300,
]


def _strict(value: float) -> float:
    raise ValueError(f"not JSON: {value}")


def invoke(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def check_answer(code: int, out: str, err: str, *, json_output: bool) -> None:
    assert "Traceback" not in out + err
    if code == 0:
        assert err == ""
        if json_output:
            json.loads(out, parse_constant=_strict)
    else:
        assert code == 2
        assert out == ""
        assert err.startswith("week4: error: ")
        assert err.count("\n") == 1


settings_ = settings(max_examples=150, deadline=None)


@settings_
@given(
    name=st.sampled_from([*NAMES, "", "nope", "-x", "../etc"]),
    pairs=st.lists(
        st.tuples(st.sampled_from(KEYS), st.sampled_from(HOSTILE) | st.text(max_size=8)),
        max_size=3,
    ),
    seed=st.sampled_from(["1", "-5", "x", "", "١", "9" * 5000]),
    as_json=st.booleans(),
)
def test_run_with_hostile_arguments_answers_or_refuses_in_one_line(name, pairs, seed, as_json):
    argv = ["run", name, "--seed", seed]
    for key, value in pairs:
        argv += ["--set", f"{key}={value}"]
    if as_json:
        argv.append("--json")
    code, out, err = invoke(argv)
    check_answer(code, out, err, json_output=as_json)


@settings_
@given(st.lists(st.sampled_from(["list", "run", "--json", "--set", "-h", "--seed", "x", "="])))
def test_any_mix_of_words_is_answered_or_refused_in_one_line(words):
    assume("-h" not in words)  # --help prints usage and exits 0 through argparse's SystemExit
    code, out, err = invoke(words)
    assert "Traceback" not in out + err
    assert code in {0, 2}
    if code == 2:
        assert err.count("\n") == 1


def test_every_scenario_prints_strict_json_with_its_defaults():
    for name in NAMES:
        code, out, err = invoke(["run", name, "--json"])
        check_answer(code, out, err, json_output=True)
        assert code == 0, err
