"""Which pages the build generates, for ``scripts/gen_pages.py`` and the navigation hook.

Both need the same lists: gen_pages writes the pages, ``hooks/site_nav.py`` puts them in the
navigation (mkdocs-gen-files creates files after MkDocs read the nav from ``mkdocs.yml``).

- The API reference: one page per module (``reference/<dotted.name>.md``), grouped in the
  navigation by the top-level subpackage.
- The scenarios: one page per registered scenario (``scenarios/<name>.md``), grouped by
  chapter; each links to its chapter's first page, and the chapter's first page back to them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
PACKAGE = ROOT / "src" / "week4"
DOCS = ROOT / "docs"
TITLES = {
    "week4": "Top level (week4)",
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def reference_groups() -> dict[str, list[str]]:
    """The modules of each reference group: ``week4`` (top-level modules), then subpackages."""
    top = [_module_name(p) for p in sorted(PACKAGE.glob("*.py")) if p.stem not in {"__main__"}]
    groups = {"week4": sorted(top, key=lambda name: name != "week4")}
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        modules = [
            _module_name(p)
            for p in sorted(folder.rglob("*.py"))
            if p.name != "__main__.py" and "__pycache__" not in p.parts
        ]
        groups[f"week4.{folder.name}"] = sorted(modules)
    return groups


def own_exports(module: str) -> list[str] | None:
    """The names a package's ``__all__`` lists that its ``__init__`` defines itself.

    None for a module that is not a package, or a package without ``__all__`` (it
    re-exports nothing) or with one computed at import time (its page is then rendered as a
    module's). The other names ``__all__`` lists are re-exports: the reference documents
    them on the page of the module that defines them, and lists them on the package's page
    (``scripts/gen_pages.py``). Read from the source, without importing the package.
    """
    init = PACKAGE.parent.joinpath(*module.split("."), "__init__.py")
    if not init.is_file():
        return None
    exported: list[str] | None = None
    imported: set[str] = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            imported.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            try:
                exported = [str(name) for name in ast.literal_eval(node.value)]
            except ValueError:  # computed (``[...] + other.__all__``): render it as a module
                return None
    return None if exported is None else [name for name in exported if name not in imported]


def group_title(group: str) -> str:
    """The navigation title of a reference group."""
    short = group.removeprefix("week4.") if group != "week4" else "week4"
    return TITLES.get(short, group)


def _short(module: str, group: str) -> str:
    """A module's title in its group's section: its name below the group (the group's own)."""
    return module if module == group else module.removeprefix(group + ".")


def reference_nav() -> list[Any]:
    """The navigation of the API reference: its index, then one section per group."""
    nav: list[Any] = ["reference/index.md"]
    for group, modules in reference_groups().items():
        entries = [{_short(module, group): f"reference/{module}.md"} for module in modules]
        nav.append({group_title(group): entries})
    return nav


def chapter_page(chapter: str) -> str | None:
    """The chapter's first page, relative to ``docs/`` (None while the chapter has no page)."""
    candidates = [f"{chapter}/index.md", f"{chapter}.md"]
    if chapter == "sim":
        candidates.append("simulator.md")
    return next((page for page in candidates if (DOCS / page).is_file()), None)


_facts: list[dict[str, Any]] = []  # this build's, once read


def _read_facts() -> dict[str, Any]:
    """The facts, from an import of the package (about 0.4 s: every chapter is imported)."""
    import week4
    from week4 import scenarios

    return {
        "version": week4.__version__,
        "chapter titles": dict(scenarios.CHAPTER_TITLES),
        "scenarios": [
            {
                "name": s.name,
                "title": s.title,
                "description": s.description,
                "chapter": s.chapter,
                "params": [
                    {
                        "name": p.name,
                        "default": f"{p.default}",
                        "allowed": p.allowed(),
                        "help": p.help,
                    }
                    for p in s.params
                ],
            }
            for s in scenarios.all_scenarios()
        ],
    }


def package_facts() -> dict[str, Any]:
    """What the generated pages and the navigation need of the package: its version, the
    chapters' titles, and each scenario's name, title, description, chapter and parameters.

    Kept in the execution cache (``hooks/exec_cache.py``) under a digest of the package's
    source and of this file, so a warm build does not import the package at all; with the
    cache off (``WEEK4_CACHE=0``) the package is imported every time.
    """
    if _facts:
        return _facts[0]
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    from execcache.keys import tree_digest
    from execcache.store import Store, digest, enabled, folder

    if not enabled():
        _facts.append(_read_facts())
        return _facts[0]
    key = digest("package facts", sys.version, tree_digest(PACKAGE), Path(__file__).read_bytes())
    store = Store(folder(ROOT))
    record = store.get(key)
    if record is not None and isinstance(record.get("facts"), dict):
        _facts.append(record["facts"])
    else:
        _facts.append(_read_facts())
        store.put(key, {"facts": _facts[0]})
    return _facts[0]


def forget_facts() -> None:
    """Read the package's facts again at their next use (each build starts with this)."""
    _facts.clear()


def all_scenarios() -> list[SimpleNamespace]:
    """The registered scenarios, in the registry's order.

    Each has ``name``, ``title``, ``description``, ``chapter`` and ``params`` (each with
    ``name``, ``default`` and ``allowed`` as text, and ``help``).
    """
    return [
        SimpleNamespace(**{**fact, "params": [SimpleNamespace(**p) for p in fact["params"]]})
        for fact in package_facts()["scenarios"]
    ]


def scenario_groups() -> dict[str, list[SimpleNamespace]]:
    """The registered scenarios by chapter key, in the registry's chapter order."""
    groups: dict[str, list[SimpleNamespace]] = {}
    for scenario in all_scenarios():
        groups.setdefault(scenario.chapter, []).append(scenario)
    return groups


def chapter_title(chapter: str) -> str:
    """A chapter's title, from the scenario registry (its key when it has none)."""
    titles: dict[str, str] = package_facts()["chapter titles"]
    return titles.get(chapter, chapter)


def scenario_nav() -> list[Any]:
    """The navigation of the scenario pages: their index, then one section per chapter."""
    nav: list[Any] = ["scenarios/index.md"]
    for chapter, members in scenario_groups().items():
        nav.append({chapter_title(chapter): [{s.title: f"scenarios/{s.name}.md"} for s in members]})
    return nav
