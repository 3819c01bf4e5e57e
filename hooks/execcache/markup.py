"""markdown-exec's conversion of a block's output to HTML, cached when it has no side effect.

After a block runs (or comes from the cache), markdown-exec converts its output, Markdown,
to HTML with a fresh ``Markdown`` instance carrying every extension of the site: a few
milliseconds a block, on every build. The HTML depends on the text, the HTML ids' prefix
(``exec-<n>--``, from a build-wide counter, so the counter's value is in the key), whether
headings go to the table of contents, and the site's config (mkdocs.yml's digest). A
conversion that produced headings also hands them to the page's Markdown (for its table of
contents): those are never cached, and always converted afresh.
"""

from __future__ import annotations

import json
from typing import Any

from markdown_exec._internal.processors import InsertHeadings
from markdown_exec._internal.rendering import MarkdownConverter
from markupsafe import Markup

from execcache import runs
from execcache.store import digest

_original: dict[str, Any] = {}


def _reported(converter: Any) -> dict[Markup, list[Any]] | None:
    """The headings the page's Markdown has been handed so far (None: no such processor)."""
    processors = converter._original_md.treeprocessors
    if InsertHeadings.name not in processors:
        return None
    headings: dict[Markup, list[Any]] = processors[InsertHeadings.name].headings
    return headings


def cache_conversions(settings: str) -> None:
    """Route ``MarkdownConverter.convert`` through the cache."""
    convert = _original.setdefault("convert", MarkdownConverter.convert)

    def cached_convert(
        self: Any, text: str, stash: dict[str, str] | None = None, id_prefix: str | None = None
    ) -> Markup:
        store = runs.STATE.store
        if store is None:
            return convert(self, text, stash, id_prefix)  # type: ignore[no-any-return]
        prefix = id_prefix if id_prefix is not None else f"exec-{MarkdownConverter.counter + 1}--"
        key = digest(
            runs.STATE.tools,
            settings,
            "markdown-exec conversion",
            text,
            json.dumps(sorted((stash or {}).items())),
            prefix,
            str(self._update_toc),
        )
        record = store.get(key)
        if record is not None and isinstance(record.get("html"), str):
            MarkdownConverter.counter += 1
            markup = Markup(record["html"])
            reported = _reported(self) if self._update_toc else None
            if reported is not None:
                reported[markup] = []  # what an unheaded conversion leaves there
            return markup
        markup = convert(self, text, stash, id_prefix)
        reported = _reported(self)
        if not (reported or {}).get(markup):
            store.put(key, {"html": str(markup)})
        return markup  # type: ignore[no-any-return]

    MarkdownConverter.convert = cached_convert
