"""The build's own slow, pure steps, cached like the blocks: signatures, search, API pages.

A warm build with every block cached still spends most of its time in places that compute
the same thing from the same input on every build (cross-references: ``references``):

- mkdocstrings-python formats each long signature with Black (hundreds per build, 3 ms
  each). :mod:`execcache.signatures` lays out the usual shapes itself, exactly as Black
  would, cache on or off; the others go to Black through the cache. The answer depends only
  on the code, the line length and Black's version (pinned in the lock, which is in the key).
- Material's search plugin parses every page's HTML into index entries. The entries depend
  only on the page's HTML, its table of contents, URL, title and metadata, and the plugin's
  options, all in the key.

- mkdocstrings renders each ``::: identifier`` block of the API reference.

Each is wrapped where it is looked up at call time; with the cache off they run as is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from execcache import keys, runs, signatures
from execcache.store import digest

_original: dict[str, Any] = {}


def _formatter(original: Callable[[str, int], str]) -> Callable[[str, int], str]:
    def format_code(code: str, line_length: int) -> str:
        store = runs.STATE.store
        if store is None:
            return original(code, line_length)
        key = digest(runs.STATE.tools, "signature", str(line_length), code)
        record = store.get(key)
        if record is not None and isinstance(record.get("text"), str):
            text: str = record["text"]
            return text
        text = original(code, line_length)
        store.put(key, {"text": text})
        return text

    return format_code


def cache_signatures() -> None:
    """mkdocstrings-python's signature formatter: Black's layout, then Black through the cache."""
    try:
        from mkdocstrings_handlers.python._internal import rendering
    except ImportError:  # pragma: no cover (no mkdocstrings-python: nothing to cache)
        return
    get = _original.setdefault("get_formatter", rendering._get_formatter)

    def get_formatter() -> Callable[[str, int], str]:
        return signatures.with_black_layout(_formatter(get()))

    rendering._get_formatter = get_formatter


def cache_search() -> None:
    """Route Material's search indexing of a page through the cache."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:  # pragma: no cover
        return
    add = _original.setdefault("add_entry", SearchIndex.add_entry_from_context)

    def add_entry_from_context(self: Any, page: Any) -> None:
        store = runs.STATE.store
        if store is None:
            add(self, page)
            return
        try:
            inputs = json.dumps(
                [
                    page.url,
                    page.title,
                    page.meta,
                    keys.outline(page.toc),
                    getattr(self, "config", None),
                ],
                sort_keys=True,
                default=repr,
            )
        except (TypeError, ValueError):
            add(self, page)
            return
        key = digest(runs.STATE.tools, "search", inputs, page.content or "")
        record = store.get(key)
        if record is not None and isinstance(record.get("entries"), str):
            with suppress(ValueError):
                entries = json.loads(record["entries"])  # a string: it keeps the keys' order
                if isinstance(entries, list):
                    self.entries.extend(entries)
                    return
        before = len(self.entries)
        add(self, page)
        store.put(key, {"entries": json.dumps(self.entries[before:])})

    SearchIndex.add_entry_from_context = add_entry_from_context


def cache_api_pages(settings: str) -> None:
    """Route mkdocstrings' ``::: identifier`` blocks through the cache.

    The HTML of ``::: week4.x`` depends on the package's source (the environment key), the
    block's own options and heading level, and the site's config (``settings``: mkdocs.yml's
    digest, which holds the handler's options and the theme's locale). Rendering also leaves
    the object's headings on the handler, for the table of contents, autorefs and the
    inventory, and the inventory asks the handler for each heading's aliases: both are stored
    with the HTML and put back on a hit, which then needs no collection of the package at all.
    """
    try:
        import yaml
        from mkdocstrings._internal.extension import AutoDocProcessor
        from mkdocstrings_handlers.python._internal.handler import PythonHandler
    except ImportError:  # pragma: no cover
        return
    process = _original.setdefault("process_block", AutoDocProcessor._process_block)
    get_aliases = _original.setdefault("get_aliases", PythonHandler.get_aliases)
    _original["settings"] = settings
    restored: dict[str, tuple[str, ...]] = {}

    def cached_process_block(
        self: Any, identifier: str, yaml_block: str, heading_level: int = 0
    ) -> tuple[str, Any, Any]:
        store = runs.STATE.store
        if store is None:
            return process(self, identifier, yaml_block, heading_level)  # type: ignore[no-any-return]
        # Only a block naming its handler needs its YAML read here (the build reads it again).
        local_config = (yaml.safe_load(yaml_block) or {}) if "handler" in yaml_block else {}
        handler = self._handlers.get_handler(self._handlers.get_handler_name(local_config))
        key = digest(
            runs.STATE.env,
            runs.STATE.tools,
            _original["settings"],
            "mkdocstrings",
            identifier,
            yaml_block,
            str(heading_level),
        )
        record = store.get(key)
        if record is not None and _headings_restored(handler, record, restored):
            return record["html"], handler, None
        before = len(handler._headings)
        html, used, data = process(self, identifier, yaml_block, heading_level)
        if used is handler:
            new = handler._headings[before:]
            headings = [[h.tag, list(h.attrib.items()), h.text] for h in new]
            ids = [h.attrib["id"] for h in new if "id" in h.attrib]
            aliases = {i: list(get_aliases(handler, i)) for i in ids}
            store.put(key, {"html": html, "headings": headings, "aliases": aliases})
        return html, used, data

    def cached_aliases(self: Any, identifier: str) -> tuple[str, ...]:
        if identifier in restored:
            return restored.pop(identifier)
        return tuple(get_aliases(self, identifier))

    AutoDocProcessor._process_block = cached_process_block
    PythonHandler.get_aliases = cached_aliases


def _headings_restored(
    handler: Any, record: dict[str, Any], restored: dict[str, tuple[str, ...]]
) -> bool:
    from xml.etree.ElementTree import Element

    html, headings, aliases = record.get("html"), record.get("headings"), record.get("aliases")
    if not (isinstance(html, str) and isinstance(headings, list) and isinstance(aliases, dict)):
        return False
    elements = []
    try:
        for tag, attributes, text in headings:
            element = Element(tag, dict(attributes))
            element.text = text
            elements.append(element)
        found = {str(i): tuple(str(a) for a in names) for i, names in aliases.items()}
    except (TypeError, ValueError):
        return False
    handler._headings.extend(elements)
    restored.update(found)
    return True
