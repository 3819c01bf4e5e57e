"""The shape of the chapter pages (issue 9): results shown, short pages, a navigable section.

These read the Markdown sources, so they run without building the site.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CHAPTERS = {"cap": "CAP theorem", "event-sourcing": "Event sourcing"}
OWN_PAGES = [
    DOCS / "index.md",
    DOCS / "simulator.md",
    *sorted((DOCS / "cap").glob("*.md")),
    *sorted((DOCS / "event-sourcing").glob("*.md")),
]
FENCE = re.compile(r"^ *```.*?^ *```", re.S | re.M)
WORDS_PER_PAGE = 1500


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and !!python/name tags: read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav() -> list:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]


def prose_words(text: str) -> int:
    """Words outside code fences and admonition titles' markup."""
    return len(FENCE.sub(" ", text).split())


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_executed_block_hides_its_result_behind_a_tab(page):
    text = page.read_text(encoding="utf-8")
    assert "tabbed-left" not in text
    assert "tabbed-right" not in text


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_reads_in_one_sitting(page):
    assert prose_words(page.read_text(encoding="utf-8")) <= WORDS_PER_PAGE


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_runs_its_blocks_in_a_session_of_its_own(page):
    sessions = set(re.findall(r'exec="on"[^\n]*session="([^"]+)"', page.read_text("utf-8")))
    assert len(sessions) <= 1
    others = [p for p in OWN_PAGES if p != page]
    for other in others:
        assert not sessions & set(re.findall(r'session="([^"]+)"', other.read_text("utf-8")))


@pytest.mark.parametrize("folder", CHAPTERS)
def test_each_chapter_is_a_section_of_the_navigation_with_every_page(folder):
    [section] = [item[CHAPTERS[folder]] for item in _nav() if CHAPTERS[folder] in item]
    listed = [v if isinstance(v, str) else next(iter(v.values())) for v in section]
    assert listed[0] == f"{folder}/index.md"
    on_disk = {f"{folder}/{p.name}" for p in (DOCS / folder).glob("*.md")}
    assert set(listed) == on_disk


@pytest.mark.parametrize("folder", CHAPTERS)
def test_the_last_page_ends_with_recap_terminal_commands_and_further_reading(folder):
    section = next(item[CHAPTERS[folder]] for item in _nav() if CHAPTERS[folder] in item)
    last = next(iter(section[-1].values()))
    text = (DOCS / last).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[-3:] == ["Recap", "Run it in your terminal", "Further reading"]
    assert "/terminal.py" in text


def test_the_cap_chapter_says_what_c_a_and_p_stand_for_before_it_uses_them():
    text = (DOCS / "cap" / "index.md").read_text(encoding="utf-8")
    words = text.index("## What C, A and P stand for")
    assert text.index("**linearizability**") > words
    assert "linearizab" not in text[:words]
    assert "**CA**" in text
