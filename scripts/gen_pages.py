"""mkdocs-gen-files script: pages generated from the package at build time.

- ``reference/``: the API reference, one page per module, rendered by mkdocstrings. A
  package's page documents what its ``__init__`` defines and lists its re-exports in summary
  tables that link to the defining module's page, so each object is documented once.
- ``scenarios/``: one page per registered scenario (parameters, CLI command, and its real
  output at the default seed, executed by markdown-exec), linked to its chapter's first page.

``scripts/site_pages.py`` lists these pages; ``hooks/site_nav.py`` puts them in the navigation.
- ``assets/wheels/``: the wheel of the exact ``week4`` the pages ran, for Try-it blocks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mkdocs_gen_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import site_pages  # noqa: E402
from wheel import build_wheel, wheel_name  # noqa: E402

OPTIONS = (
    "    options:\n      show_root_heading: false\n      show_submodules: false\n"
    "      heading_level: 2\n"
)
# A package's page documents in full only what its __init__ defines; its re-exports are
# summary tables linking to where they are defined (docs/templates/.../summary.html.jinja).
# Each object is then documented once, and search lists it once.
PACKAGE_OPTIONS = (
    "      members: {members}\n      summary: true\n      extra:\n        summary_all: true\n"
)


def reference() -> None:
    """One page per module (``reference/<module>.md``) and an index of them by group."""
    index = [
        "# API reference",
        "",
        "Generated from the docstrings of the package: one page per module. A package's page",
        "lists the names it exports; each is documented on the page of the module that",
        "defines it.",
        "",
    ]
    for group, modules in site_pages.reference_groups().items():
        index += [f"## {site_pages.group_title(group)}", ""]
        for module in modules:
            own = site_pages.own_exports(module)
            options = OPTIONS if own is None else OPTIONS + PACKAGE_OPTIONS.format(members=own)
            with mkdocs_gen_files.open(f"reference/{module}.md", "w") as out:
                out.write(f"# {module}\n\n::: {module}\n{options}")
            index.append(f"- [{module}]({module}.md)")
        index.append("")
    with mkdocs_gen_files.open("reference/index.md", "w") as out:
        out.write("\n".join(index))


def chapter_link(chapter: str, title: str) -> str:
    """A Markdown link from a page under ``scenarios/`` to the chapter's first page."""
    page = site_pages.chapter_page(chapter)
    return f"[{title}](../{page})" if page else f"*{title}*"


def scenario_pages() -> None:
    index = [
        "# Scenarios",
        "",
        "Every scenario in the registry, with its parameters and its real output at seed 1. "
        "Run any of them in a terminal with `python -m week4 run NAME --seed 1`.",
        "",
        "| scenario | chapter | what it shows |",
        "|:--|:--|:--|",
    ]
    for s in site_pages.all_scenarios():
        chapter = site_pages.chapter_title(s.chapter)
        index.append(
            f"| [{s.name}]({s.name}.md) | {chapter_link(s.chapter, chapter)} | {s.description} |"
        )
        rows = "\n".join(
            f"| `{p.name}` | `{p.default}` | {p.allowed} | {p.help} |" for p in s.params
        )
        page = f"""# {s.title}

{s.description} Chapter: {chapter_link(s.chapter, chapter)}.

## Parameters

| name | default | allowed | meaning |
|:--|:--|:--|:--|
{rows}

## Run it

```bash
python -m week4 run {s.name} --seed 1
python -m week4 run {s.name} --seed 1 --json
```

## Output at seed 1

```python exec="on" session="scenario-{s.name}"
from week4 import scenarios
print(scenarios.get("{s.name}").run(seed=1).to_markdown())
```
"""
        with mkdocs_gen_files.open(f"scenarios/{s.name}.md", "w") as out:
            out.write(page)
    with mkdocs_gen_files.open("scenarios/index.md", "w") as out:
        out.write("\n".join(index) + "\n")


def wheel() -> None:
    version = site_pages.package_facts()["version"]
    with mkdocs_gen_files.open(f"assets/wheels/{wheel_name(version)}", "wb") as out:
        out.write(build_wheel(ROOT / "src", version))


reference()
scenario_pages()
wheel()
