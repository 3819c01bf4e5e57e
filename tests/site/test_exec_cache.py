"""The execution cache (hooks/exec_cache.py): hits run nothing, and never serve a stale output.

Every test builds a small site of its own (two pages, a session, a snippet, a data file, a
Try-it block, and a tiny ``week4`` package) with the real hooks, in a subprocess, and reads
how many blocks ran from the build log.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ["fresh_modules.py", "block_timing.py", "exec_cache.py", "tryit.py", "execcache"]
CONFIG = """\
site_name: cache test
theme: mkdocs
exclude_docs: |
  snippets/
hooks:
  - hooks/fresh_modules.py
  - hooks/block_timing.py
  - hooks/exec_cache.py
  - hooks/tryit.py
plugins:
  - markdown-exec:
      languages: [md, py, python, pycon]
markdown_extensions:
  - pymdownx.snippets:
      base_path: [docs]
      check_paths: true
  - pymdownx.superfences
"""
INDEX = """\
# Home

Some prose.

```python exec="on" session="home"
from week4 import greet
word = greet()
print("first:", word)
```

```python exec="on" session="home"
print("second:", word.upper())
```

```python exec="on" session="home"
--8<-- "snippets/extra.py"
```

```python exec="on" session="home"
import json
print("data:", json.load(open("data/value.json"))["v"])
```

```python tryit
print("tried", 6 * 7)
```
"""
OTHER = """\
# Other

```pycon exec="on" session="other"
>>> from week4 import greet
>>> print("other:", greet())
```
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


API_PLUGIN = """\
  - search
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            separate_signature: true
"""
PACKAGE = '''\
"""A tiny package."""


def greet(name: str = "hello", punctuation: str = "", times: int = 1, shout: bool = False) -> str:
    """Say hello."""
    return name
'''


def make_project(folder: Path, api: bool = False) -> Path:
    for name in HOOKS:
        source = ROOT / "hooks" / name
        if source.is_dir():
            shutil.copytree(
                source, folder / "hooks" / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            write(folder / "hooks" / name, source.read_text())
    shutil.copy(ROOT / "docs" / "javascripts" / "tryit_runner.py", folder / "runner.py")
    write(folder / "docs" / "javascripts" / "tryit_runner.py", (folder / "runner.py").read_text())
    config = CONFIG.replace("plugins:\n", "plugins:\n" + API_PLUGIN) if api else CONFIG
    write(folder / "mkdocs.yml", config)
    if api:
        write(folder / "docs" / "api.md", "# API\n\n::: week4\n")
    write(folder / "docs" / "index.md", INDEX)
    write(folder / "docs" / "other.md", OTHER)
    write(folder / "docs" / "snippets" / "extra.py", 'print("snippet:", word * 2)\n')
    write(folder / "data" / "value.json", '{"v": 1}\n')
    write(folder / "requirements" / "dev.txt", "markdown-exec==1\n")
    write(folder / "src" / "week4" / "__init__.py", 'def greet():\n    return "hello"\n')
    return folder


def run_build(
    project: Path, cache: str = "1", workers: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WEEK4_CACHE": cache, "NO_MKDOCS_2_WARNING": "1"}
    env.update(SOURCE_DATE_EPOCH="0", WEEK4_CACHE_WORKERS=workers)  # "": the load decides
    env.pop("WEEK4_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def page_counts(log: str) -> tuple[int, int, int, int]:
    """(pages converted, converted from the cache, drawn by the theme, drawn from the cache)."""
    match = re.search(
        r"pages: (\d+) converted from Markdown, (\d+) from the cache; "
        r"(\d+) drawn by the theme, (\d+) from the cache",
        log,
    )
    assert match, log
    converted, from_cache, drawn, drawn_from_cache = (int(g) for g in match.groups())
    return converted, from_cache, drawn, drawn_from_cache


def build(project: Path, cache: str = "1", workers: str = "") -> tuple[int, int, str]:
    """Build strictly; returns (blocks ran, blocks from the cache, the home page's HTML)."""
    done = run_build(project, cache, workers)
    assert done.returncode == 0, done.stderr
    counts = r"blocks: (\d+) ran \((\d+) of them in worker processes\), (\d+) came"
    match = re.search(counts, done.stderr)
    assert match, done.stderr
    if workers == "2":
        assert int(match[2]) > 0, "the workers ran nothing"
    return int(match[1]), int(match[3]), (project / "site" / "index.html").read_text()


def site_files(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once with the cache on (so its cache holds every block)."""
    project = make_project(tmp_path_factory.mktemp("warm"))
    ran, cached, page = build(project)
    assert (ran, cached) == (6, 0)
    assert "first: hello" in page
    return project


@pytest.fixture
def project(warm: Path, tmp_path: Path) -> Path:
    """A copy of the warm project, cache included, for one test to edit."""
    copy = tmp_path / "project"
    shutil.copytree(warm, copy)
    return copy


def test_a_build_with_nothing_changed_runs_no_block(project: Path) -> None:
    ran, cached, page = build(project)
    assert (ran, cached) == (0, 6)
    for line in ["first: hello", "second: HELLO", "snippet: hellohello", "data: 1", "tried 42"]:
        assert line in page


def test_a_build_with_nothing_changed_converts_and_draws_no_page(project: Path) -> None:
    done = run_build(project)
    assert done.returncode == 0, done.stderr
    assert page_counts(done.stderr) == (0, 2, 0, 2)


def test_a_prose_edit_converts_and_draws_only_what_it_changed(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("Some prose.", "Some prose, edited."))
    done = run_build(project)
    assert done.returncode == 0, done.stderr
    assert page_counts(done.stderr) == (1, 1, 1, 1)  # the other page: untouched, whole


def test_a_renamed_page_is_renamed_in_every_page_navigation(project: Path) -> None:
    other = project / "docs" / "other.md"
    other.write_text(other.read_text().replace("# Other", "# Elsewhere"))
    build(project)
    assert ">Elsewhere<" in (project / "site" / "index.html").read_text()


def test_a_link_to_a_deleted_page_still_fails_the_strict_build(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [the other page](other.md).\n")
    build(project)
    build(project)  # now the home page comes from the cache
    (project / "docs" / "other.md").unlink()
    done = run_build(project)
    assert done.returncode != 0
    assert "other.md" in done.stderr


def test_a_session_continued_on_another_page_sees_the_first_page_s_state(project: Path) -> None:
    write(
        project / "docs" / "third.md",
        '# Third\n\n```python exec="on" session="home"\nprint("third:", word)\n```\n',
    )
    for _ in range(3):  # cold for the new page, then the home page from the cache, twice
        build(project)
        assert "third: hello" in (project / "site" / "third" / "index.html").read_text()


def test_pages_are_byte_identical_with_and_without_the_cache(project: Path) -> None:
    build(project)
    warm_site = site_files(project)
    shutil.rmtree(project / ".cache")
    _, cached, _ = build(project, workers="2")  # cold, through two worker processes
    assert cached == 0
    assert site_files(project) == warm_site
    assert build(project, cache="0")[:2] == (6, 0)
    assert site_files(project) == warm_site


def test_a_prose_edit_runs_nothing(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("Some prose.", "Some prose, edited."))
    ran, cached, page = build(project)
    assert (ran, cached) == (0, 6)
    assert "Some prose, edited." in page


def test_an_edited_snippet_changes_the_output(project: Path) -> None:
    write(project / "docs" / "snippets" / "extra.py", 'print("snippet:", word[::-1])\n')
    ran, _, page = build(project)
    assert "snippet: olleh" in page  # pymdownx.snippets pastes the file in before the run
    assert ran == 2  # that block and the one after it in its session


def test_an_edited_module_of_the_package_reruns_every_block(project: Path) -> None:
    write(project / "src" / "week4" / "__init__.py", 'def greet():\n    return "hi"\n')
    ran, cached, page = build(project)
    assert (ran, cached) == (6, 0)
    assert "second: HI" in page
    assert "other: hi" in (project / "site" / "other" / "index.html").read_text()


def test_an_edited_earlier_block_changes_the_later_blocks_of_its_session(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("word = greet()", "word = greet() + '!'"))
    ran, cached, page = build(project)
    assert "second: HELLO!" in page
    assert "snippet: hello!hello!" in page
    assert (ran, cached) == (4, 2)  # the session's four blocks; the other page, Try-it: cached


def test_a_miss_after_hits_sees_the_state_the_hits_left(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("word.upper()", "word.title()"))
    ran, _, page = build(project)
    assert "second: Hello" in page  # `word` comes from the cached first block, replayed
    assert "first: hello" in page
    assert ran == 3  # the edited block and the two after it in the session


def test_a_data_file_a_block_read_is_part_of_its_key(project: Path) -> None:
    write(project / "data" / "value.json", '{"v": 2}\n')
    ran, _, page = build(project)
    assert "data: 2" in page
    assert ran == 1


def test_a_corrupted_cache_is_ignored_and_rebuilt(project: Path) -> None:
    entries = sorted((project / ".cache" / "week4-exec").rglob("*.json"))
    assert entries
    for number, entry in enumerate(entries):
        entry.write_bytes([b"", b"{not json", b'{"key": "another"}', b"[]"][number % 4])
    ran, cached, page = build(project)
    assert (ran, cached) == (6, 0)
    assert "second: HELLO" in page
    assert build(project)[:2] == (0, 6)


def test_week4_cache_0_runs_every_block_and_writes_nothing(project: Path) -> None:
    shutil.rmtree(project / ".cache")
    ran, cached, page = build(project, cache="0")
    assert (ran, cached) == (6, 0)
    assert "snippet: hellohello" in page
    assert not (project / ".cache").exists()


def test_the_api_reference_and_search_are_reused_but_follow_the_docstrings(tmp_path: Path) -> None:
    project = make_project(tmp_path, api=True)
    write(project / "src" / "week4" / "__init__.py", PACKAGE)
    build(project, cache="0")
    cold = site_files(project)
    build(project)
    build(project)  # warm: the reference, its headings and the search entries from the cache
    assert site_files(project) == cold
    assert "Say hello." in (project / "site" / "api" / "index.html").read_text()
    write(project / "src" / "week4" / "__init__.py", PACKAGE.replace("Say hello.", "Say hi."))
    build(project)
    assert "Say hi." in (project / "site" / "api" / "index.html").read_text()
    assert "Say hi." in (project / "site" / "search" / "search_index.json").read_text()


BASE = '''\
"""The base."""


class Base:
    """A base class."""

    def greet(self) -> str:
        """Say hello."""
        return "hello"
'''
SUB = '''\
"""The subclass, which imports its base."""

from week4.base import Base


class Sub(Base):
    """A subclass."""
'''


def test_a_cache_that_lost_entries_builds_the_same_api_inventory_as_no_cache(
    tmp_path: Path,
) -> None:
    """A page from the cache renders nothing, so griffe's on-demand aliases (imports,
    inherited members) must not depend on which pages rendered: objects.inv stays whole."""
    project = make_project(tmp_path, api=True)
    (project / "docs" / "api.md").unlink()
    write(project / "src" / "week4" / "__init__.py", 'def greet():\n    return "hello"\n')
    write(project / "src" / "week4" / "base.py", BASE)
    write(project / "src" / "week4" / "sub.py", SUB)
    write(project / "docs" / "base.md", "# Base\n\n::: week4.base\n")
    write(project / "docs" / "sub.md", "# Sub\n\n::: week4.sub\n")
    build(project, cache="0")
    reference = site_files(project)
    assert b"week4.sub.Sub.greet" in zlib.decompress(reference["objects.inv"].split(b"\n", 4)[4])
    build(project)
    assert site_files(project) == reference
    entries = sorted((project / ".cache" / "week4-exec").rglob("*.json"))
    for start in range(3):  # lose a different third of the cache each time
        for entry in entries[start::3]:
            entry.unlink(missing_ok=True)
        build(project)
        assert site_files(project) == reference
        build(project)  # and again, from what that build stored
        assert site_files(project) == reference


def test_an_edited_script_of_the_build_reruns_every_block(project: Path) -> None:
    """scripts/ shapes generated pages and the API reference (a griffe extension)."""
    write(project / "scripts" / "extension.py", "SHAPE = 1\n")
    build(project)
    assert build(project)[:2] == (0, 6)
    write(project / "scripts" / "extension.py", "SHAPE = 2\n")
    assert build(project)[:2] == (6, 0)


def test_a_cache_limit_that_is_not_a_number_stops_the_build_with_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEK4_CACHE_LIMIT_MB", "lots")
    done = run_build(project)
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if "WEEK4_CACHE_LIMIT_MB" in line]
    assert errors == [
        "ERROR   -  WEEK4_CACHE_LIMIT_MB must be a whole number of megabytes (0 or more), "
        "got 'lots'"
    ]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("WEEK4_CACHE", "maybe", "WEEK4_CACHE must be 1 or 0 (on/off, yes/no, true/false)"),
        ("WEEK4_CACHE_WORKERS", "two", "WEEK4_CACHE_WORKERS must be a whole number"),
    ],
)
def test_a_cache_setting_with_a_typo_stops_the_build_with_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    done = run_build(project, **({"cache": value} if name == "WEEK4_CACHE" else {"workers": value}))
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if name + " must" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"ERROR   -  {message}")
    assert errors[0].endswith(f"got {value!r}")
    assert "Traceback" not in done.stderr
