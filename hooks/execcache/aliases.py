"""The API reference's aliases made independent of the order its pages render in."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

_original: dict[str, Any] = {}


def _inherit_everything(obj: Any, seen: set[str]) -> None:
    """Make every alias below ``obj`` known to its target (griffe does it on demand): each
    import resolved, each inherited member's alias created."""
    if obj.path in seen:
        return
    seen.add(obj.path)
    if obj.is_class:
        with suppress(Exception):  # an unresolvable base: nothing to inherit, as when rendered
            _ = obj.inherited_members
    for member in list(obj.members.values()):
        if member.is_alias:  # an import: resolving it lists it among its target's aliases
            with suppress(Exception):  # unresolvable (outside the package): as when rendered
                if member.target.is_class:  # a re-exported class: its inherited members
                    _ = member.inherited_members  # under this path too (``pkg.Sub.method``)
            continue
        if member.is_module or member.is_class:
            _inherit_everything(member, seen)


def complete_aliases_before_rendering() -> None:
    """Make the API reference's aliases independent of the order its pages render in.

    griffe makes an alias known to its target only on demand: an import (``from .read
    import AccountList`` in ``week4.cqrs.app``) when it is first resolved, an inherited
    member (``Sub.method`` for ``Base.method``) when something asks for the subclass's
    inherited members; both typically happen when a page is rendered. mkdocstrings lists an
    object's aliases in the inventory and in autorefs' maps. So a heading rendered before
    the pages that import or inherit it had fewer aliases than one rendered after, and a
    build that took some pages from the cache (no rendering, no aliases) differed from one
    that rendered them all: ``objects.inv`` lost entries. Before the first rendering of a
    build every alias of the collected packages is made known, with the cache on or off, so
    every heading has all its aliases whatever was rendered before it.
    """
    try:
        from mkdocstrings_handlers.python._internal.handler import PythonHandler
    except ImportError:  # pragma: no cover
        return
    render = _original.setdefault("handler_render", PythonHandler.render)

    def render_with_every_alias(self: Any, data: Any, options: Any, locale: Any = None) -> str:
        if not getattr(self, "_week4_every_alias", False):
            self._week4_every_alias = True
            seen: set[str] = set()
            for package in list(self._modules_collection.members.values()):
                _inherit_everything(package, seen)
        return render(self, data, options, locale=locale)  # type: ignore[no-any-return]

    PythonHandler.render = render_with_every_alias  # type: ignore[method-assign]
