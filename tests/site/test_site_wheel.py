"""The wheel the site ships is what a reader installs: every page's terminal lines then work.

Each chapter's "Run it in your terminal" block prints ``pip install <the wheel's URL>``
followed by ``python -m week4 ...`` lines. These tests install the same wheel (built the way
the site builds it) into a fresh virtual environment, with no network and no dependencies,
and run each printed command there, outside the project.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from wheel import build_wheel, wheel_name  # noqa: E402

import week4  # noqa: E402

SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("*/terminal.py"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the site's wheel installed; its bin directory."""
    home = tmp_path_factory.mktemp("reader")
    wheel = home / wheel_name(week4.__version__)
    wheel.write_bytes(build_wheel(ROOT / "src", week4.__version__))
    venv.create(home / "venv", with_pip=True)
    bin_dir = home / "venv" / "bin"
    subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return bin_dir


def printed_commands(snippet: Path) -> list[str]:
    """The shell lines a page's terminal block shows."""
    done = subprocess.run(
        [sys.executable, snippet], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in done.stdout.splitlines() if line and not line.startswith("```")]


@pytest.mark.slow
def test_the_site_wheel_gives_the_week4_command(installed: Path) -> None:
    done = subprocess.run(
        [installed / "week4", "list"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "partition-heal" in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.parent.name)
def test_every_line_a_page_tells_a_reader_to_type_works_from_the_wheel(
    snippet: Path, installed: Path, tmp_path: Path
) -> None:
    install, *commands = printed_commands(snippet)
    assert install.startswith("pip install ")
    assert install.endswith(wheel_name(week4.__version__))
    assert commands
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    for command in commands:
        argv = shlex.split(command)
        assert argv[:3] == ["python", "-m", "week4"], command
        done = subprocess.run(
            [installed / "python", *argv[1:]],
            cwd=tmp_path,  # outside the project: only the wheel can answer
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, f"{command}: {done.stderr}"
        assert done.stdout.strip(), command
