"""One build runs each scenario once (hooks/execcache/scenario_runs.py), and nobody can tell."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from execcache import deps, scenario_runs  # noqa: E402
from execcache.store import Store  # noqa: E402

from week4 import scenarios  # noqa: E402
from week4.errors import ParameterError, Week4Error  # noqa: E402
from week4.scenarios.registry import Scenario  # noqa: E402
from week4.scenarios.result import Result  # noqa: E402


class Counted:
    """A scenario's ``run`` that counts its calls and reads a file of the project."""

    def __init__(self, data: Path) -> None:
        self.calls = 0
        self.data = data

    def __call__(self, scenario: Scenario, seed: int = 1, **params: object) -> Any:
        self.calls += 1
        self.data.read_text()
        return Scenario.run(scenario, seed, **params)


@pytest.fixture
def counted(tmp_path: Path) -> Counted:
    data = tmp_path / "data.txt"
    data.write_text("x")
    return Counted(data)


def test_a_repeated_run_is_answered_with_an_equal_copy_without_running_again(
    counted: Counted,
) -> None:
    told: list[bool] = []
    run = scenario_runs.memoized(counted, count=told.append)
    storm = scenarios.get("lossy-link")
    first = run(storm, seed=3, count=20)
    second = run(storm, 3, count=20)
    assert counted.calls == 1
    assert second is not first
    assert second.to_json() == first.to_json() == storm.run(seed=3, count=20).to_json()
    assert told == [False, True]  # made, then reused


def test_a_copy_changed_by_one_page_leaves_the_next_copy_as_it_was(counted: Counted) -> None:
    run = scenario_runs.memoized(counted)
    storm = scenarios.get("lossy-link")
    expected = run(storm, seed=1).to_json()
    mine = run(storm, seed=1)
    mine.metrics.clear()
    mine.notes.append("changed")
    assert run(storm, seed=1).to_json() == expected


def test_another_seed_or_parameter_or_scenario_runs_again(counted: Counted) -> None:
    run = scenario_runs.memoized(counted)
    run(scenarios.get("lossy-link"), seed=1)
    run(scenarios.get("lossy-link"), seed=2)
    run(scenarios.get("lossy-link"), seed=2, count=50)
    run(scenarios.get("partition-heal"), seed=2)
    assert counted.calls == 4


def test_a_scenario_whose_runner_a_page_defined_always_runs(counted: Counted) -> None:
    registered = scenarios.get("lossy-link")
    own = replace(registered, runner=lambda seed, **values: Result(metrics={"mine": seed}))
    run = scenario_runs.memoized(counted)
    run(registered, seed=1)
    assert run(own, seed=1).metrics == {"mine": 1}
    assert run(own, seed=1).metrics == {"mine": 1}
    assert counted.calls == 3


def test_defaults_given_or_left_out_are_the_same_run(counted: Counted) -> None:
    run = scenario_runs.memoized(counted)
    default = scenarios.get("lossy-link").param("count").default
    run(scenarios.get("lossy-link"), seed=1)
    run(scenarios.get("lossy-link"), seed=1, count=default)
    assert counted.calls == 1


def test_invalid_parameters_still_raise_the_scenarios_own_error(counted: Counted) -> None:
    run = scenario_runs.memoized(counted)
    with pytest.raises(ParameterError, match="unknown parameter 'nope'"):
        run(scenarios.get("lossy-link"), seed=1, nope=1)


def test_a_seed_that_is_not_an_int_is_refused_even_after_an_equal_int_ran(
    counted: Counted,
) -> None:
    run = scenario_runs.memoized(counted)
    run(scenarios.get("lossy-link"), seed=1)
    with pytest.raises(Week4Error, match="invalid seed"):
        run(scenarios.get("lossy-link"), seed=True)


def test_a_block_that_reuses_a_run_depends_on_the_files_that_run_read(
    counted: Counted, tmp_path: Path
) -> None:
    run = scenario_runs.memoized(counted)
    first_block = deps.start(tmp_path, ())
    run(scenarios.get("lossy-link"), seed=1)
    deps.stop(first_block)
    second_block = deps.start(tmp_path, ())
    run(scenarios.get("lossy-link"), seed=1)
    deps.stop(second_block)
    assert counted.calls == 1
    assert ("file", "data.txt") in first_block.reads
    assert second_block.reads == first_block.reads


def test_install_wraps_the_registry_once_and_only_for_code_that_mentions_week4(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Scenario, "run", Scenario.run)
    scenario_runs.install("print(1)")
    assert not getattr(Scenario.run, scenario_runs.MARK, False)
    scenario_runs.install("from week4 import scenarios")
    wrapped = Scenario.run
    assert getattr(wrapped, scenario_runs.MARK, False)
    scenario_runs.install("import week4")
    assert Scenario.run is wrapped


def in_block(tmp_path: Path, call: Callable[[], Any]) -> tuple[Any, deps.Recording]:
    """Call as a page's block does: recording what it reads (the cache folder left out)."""
    block = deps.start(tmp_path, (tmp_path / "cache",))
    try:
        return call(), block
    finally:
        deps.stop(block)


def run_in(where: tuple[Store, str, Path], counted: Counted) -> Any:
    """A run asked of the lossy link in a new process (a memo of its own) sharing ``where``."""
    run = scenario_runs.memoized(counted, lambda: where)
    return in_block(where[2], lambda: run(scenarios.get("lossy-link"), seed=1))


def test_with_the_cache_on_a_run_is_shared_with_other_processes_through_the_store(
    counted: Counted, tmp_path: Path
) -> None:
    where = (Store(tmp_path / "cache"), "env-1", tmp_path)
    first, _ = run_in(where, counted)
    second, block = run_in(where, counted)
    assert counted.calls == 1
    assert second.to_json() == first.to_json()
    assert block.reads == {("file", "data.txt")}


def test_a_stored_run_is_not_reused_by_another_package_or_after_a_file_it_read_changed(
    counted: Counted, tmp_path: Path
) -> None:
    store = Store(tmp_path / "cache")
    run_in((store, "env-1", tmp_path), counted)
    run_in((store, "env-2", tmp_path), counted)
    assert counted.calls == 2
    counted.data.write_text("changed")
    run_in((store, "env-1", tmp_path), counted)
    assert counted.calls == 3


def test_a_damaged_stored_run_is_run_again(counted: Counted, tmp_path: Path) -> None:
    where = (Store(tmp_path / "cache"), "env-1", tmp_path)
    run_in(where, counted)
    for entry in (tmp_path / "cache").rglob("*.txt"):
        entry.write_text("bm90IGEgcGlja2xl")  # base64 of "not a pickle"
    result, _ = run_in(where, counted)
    assert counted.calls == 2
    assert result.to_json() == scenarios.get("lossy-link").run(seed=1).to_json()
