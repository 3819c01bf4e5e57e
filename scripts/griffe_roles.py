"""Griffe extension: Sphinx cross-reference roles in docstrings become links in the reference.

The package's docstrings use Sphinx roles (``:func:`run_mode```, ``:class:`~week4.sim.Node```)
that mkdocstrings would print as raw text. When the package is loaded, every role is resolved
the way Sphinx does (a dotted ``week4`` path, or a name looked up from the object outward
through its class and module) and replaced by an autorefs link to the object's canonical
path, the page where the API reference renders it. ``~`` shows only the last name. A name
that does not resolve to a ``week4`` object (``random.Random``, a private helper) stays as
inline code. The links are ``optional``: one whose target the reference does not render
shows as its text, never as a broken link or a build warning.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|exc|obj|const):`(?P<target>[^`]+)`")


def _lookup(scope: Any, name: str) -> Any:
    try:
        return scope[name]
    except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _resolve(obj: griffe.Object, name: str) -> str | None:
    """The canonical ``week4`` path ``name`` refers to from ``obj``'s docstring, or None."""
    root = obj.package
    found: Any = None
    if name == root.name:
        found = root
    elif name.startswith(root.name + "."):
        found = _lookup(root, name.removeprefix(root.name + "."))
    else:
        scope: Any = obj
        while scope is not None and found is None:
            found = _lookup(scope, name)
            scope = scope.parent
    if found is None:
        return None
    try:
        target = found.final_target if found.is_alias else found
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    path: str = target.path
    if not path.startswith(root.name) or any(part.startswith("_") for part in path.split(".")):
        return None
    return path


def _replace(obj: griffe.Object, text: str) -> str:
    def link(match: re.Match[str]) -> str:
        raw = match["target"].strip()
        name = raw.lstrip("~.").removesuffix("()")
        shown = name.rsplit(".", 1)[-1] if raw.startswith("~") else name
        shown += "()" if raw.endswith("()") else ""
        path = _resolve(obj, name)
        if path is None:
            return f"`{shown}`"
        return (
            f'<autoref identifier="{escape(path)}" optional><code>{escape(shown)}</code></autoref>'
        )

    return ROLE.sub(link, text)


def _objects(obj: griffe.Object) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)  # type: ignore[arg-type]


class SphinxRoles(griffe.Extension):
    """Turns Sphinx roles into links once the whole package is loaded (names resolve)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002
        for obj in _objects(pkg):
            if obj.docstring and ROLE.search(obj.docstring.value):
                obj.docstring.value = _replace(obj, obj.docstring.value)
