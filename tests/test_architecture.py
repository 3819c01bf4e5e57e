"""The package's shape: its import contracts hold, fail when broken, and nothing imports in a cycle.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and ``make lint`` runs
them; these tests show that they pass on the tree, and that a forbidden import added in a
scratch copy of the package makes them fail with the broken rule's name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import week4

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(week4.__file__).resolve().parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(source_root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=source_root,
    )


@pytest.fixture
def scratch_package(tmp_path: Path) -> Path:
    """A copy of ``src/week4`` to break on purpose (the tree itself is never touched)."""
    shutil.copytree(PACKAGE, tmp_path / "week4", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_import_contracts_hold_on_the_package() -> None:
    done = _lint_imports(PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " broken" not in done.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "rule"),
    [
        ("sim/clock.py", "import week4.render.tables", "Layers"),
        ("cap/checker/history.py", "import week4.cap.figures.report", "library part"),
        ("event_sourcing/store/records.py", "import week4.scenarios.result", "library part"),
        ("basics/nodes/echo.py", "import week4.cap.replicas.cluster", "independent"),
        ("cqrs/write/bus.py", "import week4.event_sourcing.figures.race", "never its figures"),
        ("resilience/retry/waits.py", "import week4.render.charts", "library part"),
        ("sharding/strategies/base.py", "import week4.cap.checker", "independent"),
    ],
)
def test_a_forbidden_import_breaks_the_rule_that_names_it(
    scratch_package: Path, module: str, line: str, rule: str
) -> None:
    path = scratch_package / "week4" / module
    path.write_text(path.read_text() + f"\n\ndef _scratch() -> None:\n    {line}\n")
    done = _lint_imports(scratch_package)
    assert done.returncode == 1, done.stdout + done.stderr
    broken = done.stdout.split("Broken contracts", 1)[1]
    assert rule in broken


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = sorted(graph.find_modules_directly_imported_by(child))
                    work.append((child, iter(imported)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others_not_even_inside_a_function() -> None:
    graph = grimp.build_graph("week4", include_external_packages=False, cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_hidden_inside_a_function(scratch_package: Path) -> None:
    path = scratch_package / "week4" / "sim" / "trace.py"
    path.write_text(path.read_text() + "\n\ndef _scratch() -> None:\n    import week4.sim.clock\n")
    sys.path.insert(0, str(scratch_package))
    saved = {name: module for name, module in sys.modules.items() if name.startswith("week4")}
    for name in saved:
        del sys.modules[name]
    try:
        graph = grimp.build_graph("week4", include_external_packages=False, cache_dir=None)
    finally:
        sys.path.remove(str(scratch_package))
        for name in [n for n in sys.modules if n.startswith("week4")]:
            del sys.modules[name]
        sys.modules.update(saved)
    assert ["week4.sim.clock", "week4.sim.trace"] in _cycles(graph)


def test_no_module_is_longer_than_250_lines_and_no_folder_holds_more_than_15() -> None:
    too_long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text().splitlines())) > 250
    }
    crowded = {
        str(folder.relative_to(PACKAGE)): n
        for folder in [PACKAGE, *[p for p in PACKAGE.rglob("*") if p.is_dir()]]
        if (n := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > 15
    }
    assert (too_long, crowded) == ({}, {})
