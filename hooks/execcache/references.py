"""autorefs' fixing of a page's cross-references, cached with the backlinks it records."""

from __future__ import annotations

import json
from typing import Any

from execcache import runs
from execcache.store import digest

_original: dict[str, Any] = {}


def _maps_digest(plugin: Any) -> str:
    """One digest of everything autorefs has registered this build (made once, after all)."""
    names = ("_primary_url_map", "_secondary_url_map", "_title_map", "_abs_url_map")
    registered = [getattr(plugin, name, None) for name in names]
    return runs.once(
        "cross-reference maps",
        lambda: digest(json.dumps(registered, sort_keys=True, default=repr)),
    )


def cache_cross_references(settings: str) -> None:
    """Route autorefs' fixing of a page's cross-references through the cache.

    The fixed HTML depends on the page's HTML and URL, on every anchor and URL registered
    with autorefs in this build (one digest of all of them, made once, after every page was
    converted), on its options (mkdocs.yml) and, through its fallback to mkdocstrings for
    an identifier nobody registered, on the package (the environment key). A page with a
    reference nobody can resolve is not stored, so its warning is logged on every build.
    Backlinks (``record_backlinks``) are a side effect, so with them on nothing is cached.
    """
    try:
        from mkdocs_autorefs._internal import plugin as autorefs_plugin
    except ImportError:  # pragma: no cover
        return
    fix = _original.setdefault("fix_refs", autorefs_plugin.fix_refs)  # type: ignore[attr-defined]

    def cached_fix_refs(
        html: str, url_mapper: Any, *, record_backlink: Any = None, **options: Any
    ) -> tuple[str, list[Any]]:
        store = runs.STATE.store
        owner = getattr(getattr(url_mapper, "func", None), "__self__", None)
        if store is None or owner is None:
            return fix(html, url_mapper, record_backlink=record_backlink, **options)  # type: ignore[no-any-return]
        key = digest(
            runs.STATE.env,
            runs.STATE.tools,
            settings,
            "cross-references",
            _maps_digest(owner),
            json.dumps(url_mapper.keywords.get("from_url")),
            json.dumps(sorted(options.items()), default=repr),
            html,
        )
        record = store.get(key)
        backlinks = record.get("backlinks") if record is not None else None
        if (
            record is not None
            and isinstance(record.get("html"), str)
            and isinstance(backlinks, list)
            and all(isinstance(b, list) and all(isinstance(x, str) for x in b) for b in backlinks)
        ):
            if record_backlink is not None:
                for arguments in backlinks:
                    record_backlink(*arguments)
            return record["html"], []
        recorded: list[list[str]] = []

        def recording(*arguments: str) -> None:
            recorded.append(list(arguments))
            record_backlink(*arguments)

        fixed, unmapped = fix(
            html, url_mapper, record_backlink=recording if record_backlink else None, **options
        )
        if not unmapped:
            store.put(key, {"html": fixed, "backlinks": recorded})
        return fixed, unmapped

    autorefs_plugin.fix_refs = cached_fix_refs  # type: ignore[attr-defined]
