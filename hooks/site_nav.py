"""MkDocs hook: the generated pages (scenarios, API reference) in the navigation, linked both ways.

``scripts/gen_pages.py`` writes one page per scenario and one per module (mkdocs-gen-files);
``mkdocs.yml`` names only their indexes (``scenarios/index.md``, ``reference/index.md``).
Here each index becomes a section with every generated page under it, from the same lists
(``scripts/site_pages.py``), so every page is highlighted in the sidebar and has previous and
next links, and the build lists no page outside the navigation.

Each scenario page links to its chapter's first page; that page, in turn, ends with the list
of its chapter's scenarios, linked, so the reader can go both ways.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

SCRIPTS = str(Path(__file__).resolve().parent.parent / "scripts")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)

import site_pages  # noqa: E402

SECTIONS = {
    "scenarios/index.md": site_pages.scenario_nav,
    "reference/index.md": site_pages.reference_nav,
}


def _expand_entry(entry: Any) -> Any:
    if not (isinstance(entry, dict) and len(entry) == 1):
        return entry
    ((title, value),) = entry.items()
    if isinstance(value, str) and value in SECTIONS:
        return {title: SECTIONS[value]()}
    if isinstance(value, list):
        return {title: _expand(value)}
    return entry


def _expand(nav: list[Any]) -> list[Any]:
    return [_expand_entry(entry) for entry in nav]


def on_config(config: Any) -> Any:
    site_pages.forget_facts()  # a rebuild under mkdocs serve reads the package's facts again
    _endings.clear()
    if config.nav:
        config.nav = _expand(config.nav)
    return config


#: This build's chapter pages and the list of scenarios each ends with (made at first use).
_endings: dict[str, str] = {}


def _chapter_endings() -> dict[str, str]:
    if not _endings:
        for chapter, members in site_pages.scenario_groups().items():
            page = site_pages.chapter_page(chapter)
            if page is None:
                continue
            up = "../" * page.count("/")
            lines = [
                "",
                "## Scenarios of this chapter",
                "",
                "Each has its own page: its parameters, the command that runs it in a terminal, "
                "and its output at seed 1.",
                "",
            ]
            lines += [
                f"- [{s.title}]({up}scenarios/{s.name}.md) (`{s.name}`): {s.description}"
                for s in members
            ]
            _endings.setdefault(page, "\n".join(lines) + "\n")
        _endings.setdefault("", "")  # made, even for a site without chapter pages
    return _endings


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    ending = _chapter_endings().get(page.file.src_uri)
    if ending is None:
        return markdown
    return markdown.rstrip("\n") + "\n" + ending
