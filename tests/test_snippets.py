"""The example scripts that pages include run here too, so a page cannot show broken code."""

import runpy
from pathlib import Path

import pytest

SNIPPET_DIR = Path(__file__).parent.parent / "docs" / "snippets"
SNIPPETS = sorted(SNIPPET_DIR.rglob("*.py"))


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_snippet_runs_and_prints_something(path, capsys):
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_the_same_seed_snippet_shows_identical_runs(capsys):
    runpy.run_path(str(SNIPPET_DIR / "sim" / "same_seed.py"))
    out = capsys.readouterr().out
    assert "seed 7 twice, identical JSON: yes" in out
    assert "seed 7 vs seed 8, identical JSON: no" in out
