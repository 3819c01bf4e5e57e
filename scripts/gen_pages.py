"""mkdocs-gen-files script: pages generated from the package at build time.

- ``reference/``: the API reference, one page per subpackage, rendered by mkdocstrings.
- ``scenarios/``: one page per registered scenario (parameters, CLI command, and its real
  output at the default seed, executed by markdown-exec).
- ``assets/wheels/``: the wheel of the exact ``week4`` the pages ran, for Try-it blocks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mkdocs_gen_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from wheel import build_wheel, wheel_name  # noqa: E402

import week4  # noqa: E402
from week4 import scenarios  # noqa: E402

PACKAGE = ROOT / "src" / "week4"
OPTIONS = "    options:\n      show_submodules: false\n      heading_level: 2\n"
TITLES = {
    "sim": "Simulator (week4.sim)",
    "basics": "The simulator chapter (week4.basics)",
    "render": "Rendering (week4.render)",
    "scenarios": "Scenario registry (week4.scenarios)",
    "cap": "CAP (week4.cap)",
    "event_sourcing": "Event sourcing (week4.event_sourcing)",
    "cqrs": "CQRS (week4.cqrs)",
    "resilience": "Resilience (week4.resilience)",
    "sharding": "Sharding (week4.sharding)",
}


def _modules(folder: Path) -> list[str]:
    names = []
    for path in sorted(folder.rglob("*.py")):
        if path.name == "__main__.py" or "__pycache__" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def reference() -> None:
    index = ["# API reference", "", "Generated from the docstrings of the package.", ""]
    top = [f"week4.{p.stem}" for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__main__"]
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    pages = {"week4": ["week4", *[m for m in top if m != "week4.__init__"]]}
    pages.update({f"week4.{name}": _modules(PACKAGE / name) for name in packages})
    for page, modules in pages.items():
        short = page.removeprefix("week4.")
        title = TITLES.get(short, "Top-level modules (week4)" if page == "week4" else page)
        path = f"reference/{page}.md"
        with mkdocs_gen_files.open(path, "w") as out:
            out.write(f"# {title}\n\n")
            for module in modules:
                name = "week4" if module == "week4.__init__" else module
                out.write(f"::: {name}\n{OPTIONS}\n")
        index.append(f"- [{title}]({page}.md)")
    with mkdocs_gen_files.open("reference/index.md", "w") as out:
        out.write("\n".join(index) + "\n")


def chapter_page(chapter: str) -> str | None:
    """The chapter's first page, relative to ``docs/`` (None while the chapter has no page)."""
    for page in (f"{chapter}/index.md", f"{chapter}.md", "simulator.md" * (chapter == "sim")):
        if page and (ROOT / "docs" / page).is_file():
            return page
    return None


def chapter_link(chapter: str, title: str) -> str:
    """A Markdown link from a page under ``scenarios/`` to the chapter's first page."""
    page = chapter_page(chapter)
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
    for s in scenarios.all_scenarios():
        chapter = scenarios.CHAPTER_TITLES.get(s.chapter, s.chapter)
        index.append(
            f"| [{s.name}]({s.name}.md) | {chapter_link(s.chapter, chapter)} | {s.description} |"
        )
        rows = "\n".join(
            f"| `{p.name}` | `{p.default}` | {p.allowed()} | {p.help} |" for p in s.params
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
    with mkdocs_gen_files.open(f"assets/wheels/{wheel_name(week4.__version__)}", "wb") as out:
        out.write(build_wheel(ROOT / "src", week4.__version__))


reference()
scenario_pages()
wheel()
