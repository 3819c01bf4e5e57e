"""The example scripts that pages include run here too, so a page cannot show broken code."""

import json
import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SNIPPET_DIR = ROOT / "docs" / "snippets"
SNIPPETS = sorted(SNIPPET_DIR.rglob("*.py"))


SVG = "{http://www.w3.org/2000/svg}"


def tables(out):
    """The Markdown tables printed, each as its rows' cell counts."""
    blocks = re.findall(r"(?:^ *\|.*\|[ \t]*\n?)+", out, flags=re.MULTILINE)
    return [
        [len(re.split(r"(?<!\\)\|", row.strip())) - 2 for row in b.splitlines()] for b in blocks
    ]


def svg_text_sizes(svg):
    """(font size at the 720 px column, text) of every text in an SVG (inherited sizes)."""
    root = ET.fromstring(svg)
    width = float(root.get("viewBox", "0 0 720 0").split()[2])
    scale = min(720.0, width) / width

    def walk(node, size):
        size = float(node.get("font-size", size))
        if node.tag == f"{SVG}text":
            yield size * scale, node.text
        for child in node:
            yield from walk(child, size)

    return list(walk(root, 16.0))


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_snippet_prints_what_a_page_can_show(path, capsys):
    """Output for a page: no None/nan, tables whose rows match their header, SVG that parses
    with legible text, closed fences."""
    runpy.run_path(str(path), run_name="__main__")
    out = capsys.readouterr().out
    assert out.strip()
    assert not re.search(r"\b(None|nan|NaN|Traceback)\b", out)
    for counts in tables(out):
        assert len(set(counts)) == 1, f"a table row has the wrong number of cells: {counts}"
    for svg in re.findall(r"<svg.*?</svg>", out, flags=re.DOTALL):
        small = [(size, text) for size, text in svg_text_sizes(svg) if size < 12]
        assert not small, f"text under 12 px at 720 px: {small[:3]}"
    assert out.count("```") % 2 == 0, "a fence is left open"


@pytest.mark.parametrize("name", ["event_store", "linearizability", "resilience", "sharding"])
def test_every_performance_figure_says_when_and_at_which_commit_it_was_measured(name, capsys):
    runpy.run_path(str(SNIPPET_DIR / "perf" / f"{name}.py"), run_name="__main__")
    out = capsys.readouterr().out
    if "No measurement yet" in out:
        pytest.skip("no committed results")
    assert re.search(r"Measured 20\d\d-\d\d-\d\d", out)
    assert "commit" in out


def test_the_same_seed_snippet_shows_identical_runs(capsys):
    runpy.run_path(str(SNIPPET_DIR / "sim" / "same_seed.py"))
    out = capsys.readouterr().out
    assert "seed 7 twice, identical JSON: yes" in out
    assert "seed 7 vs seed 8, identical JSON: no" in out


def test_the_site_build_figures_say_which_targets_are_met_as_the_results_record(capsys):
    record = json.loads((ROOT / "bench" / "results" / "site_build.json").read_text())
    runpy.run_path(str(SNIPPET_DIR / "perf" / "site_build.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert re.search(r"Measured 20\d\d-\d\d-\d\d", out)
    assert f"`{record['git']['commit'][:10]}`" in out
    labels = {"cold": "cold build: empty cache", "warm": "warm build: nothing changed"}
    for name, label in labels.items():
        met = "yes" if record["ratios"][name] <= record["targets"][name] else "no"
        row = next(line for line in out.splitlines() if line.startswith(f"| {label} "))
        assert row.split("|")[-2].strip() == met, row
    missed = record["ratios"]["cold"] > record["targets"]["cold"]
    assert ("The cold target is not met." in out) == missed
    if missed and "cpu_seconds" in record:
        floor = record["cpu_seconds"]["cold"] / record["machine"]["cores"]
        assert f"no schedule finishes it in under {floor:.1f} s" in out
    total = sum(record["ci_build_by_folder"].values())
    assert f"converting the pages took {total:.1f} s" in out
