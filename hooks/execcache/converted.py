"""A page's Markdown-to-HTML conversion, cached with the side effects it has on the build.

With every block cached, converting every page still took a third of a warm build.
``Page.render`` is wrapped: its results (HTML, table of contents, title, the anchors the
page holds and the links it makes to other pages' anchors) are stored under a key made of
everything the conversion reads:

- the page's Markdown as the hooks left it, its path and URL;
- every documentation file's path and URL (links are checked and rewritten against them);
- the environment key (the package's source: API pages and blocks), the tools key, the
  site's config (mkdocs.yml's digest) and the hooks' source;
- markdown-exec's counters as the page starts (HTML ids and blocks outside sessions are
  numbered build-wide);
- and, checked on a hit rather than hashed in the key, the project files the conversion
  read (``--8<--`` snippets, the data files its blocks read) and every question it asked of
  mkdocstrings' inventory.

A conversion also registers anchors with autorefs and objects with mkdocstrings' inventory
(``execcache.effects`` records them; a hit makes them again, in order) and advances
markdown-exec's counters (a hit advances them alike). Its sessions are left as
block-level hits leave them: the code is kept for a later block of the session to replay.
A page that continued an earlier page's session (the site's tests forbid it) is never
stored, nor is a conversion that logged a warning, or whose block failed or wrote a file.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from execcache import deps, effects, keys, runs
from execcache.store import digest

_original: dict[str, Any] = {}


def _site_key(config: Any, files: Any) -> str:
    """The key's part shared by every page of this build."""

    def compute() -> str:
        pages = [[f.src_uri, f.dest_uri, f.url] for f in files]
        return digest(
            runs.STATE.env,
            runs.STATE.tools,
            runs.once("settings", lambda: keys.settings_digest(Path(config.config_file_path))),
            json.dumps(pages),
            str(config.get("use_directory_urls")),
        )

    return runs.once("converted pages", compute)


def page_key(page: Any, config: Any, files: Any) -> str:
    from markdown_exec._internal.formatters import python
    from markdown_exec._internal.rendering import MarkdownConverter

    return digest(
        _site_key(config, files),
        "converted page",
        page.file.src_uri,
        page.url,
        page.markdown or "",
        str(MarkdownConverter.counter),
        str(python._sessions_counter.get(None, 0)),  # blocks outside sessions: numbered build-wide
    )


def _well_formed(record: dict[str, Any]) -> bool:
    """Whether a record has the shape this module writes (anything else is a miss)."""
    shapes = {
        "content": str,
        "toc": list,
        "anchors": list,
        "calls": list,
        "asked": list,
        "reads": list,
        "sessions": dict,
        "session_blocks": dict,
        "blocks": int,
        "counter": int,
        "unnamed": int,
    }
    if not all(isinstance(record.get(name), kind) for name, kind in shapes.items()):
        return False
    calls_ok = all(
        isinstance(c, list)
        and len(c) == 3
        and c[0] in {"anchor", "url", "inventory"}
        and isinstance(c[1], list)
        and isinstance(c[2], dict)
        for c in record["calls"]
    )
    asked_ok = all(
        isinstance(a, list) and len(a) == 3 and isinstance(a[1], bool) and isinstance(a[2], int)
        for a in record["asked"]
    )
    blocks_ok = all(
        isinstance(blocks, list)
        and all(
            isinstance(b, list) and len(b) == 2 and all(isinstance(x, str) for x in b)
            for b in blocks
        )
        for blocks in record["session_blocks"].values()
    )
    links = record.get("links")
    return calls_ok and asked_ok and blocks_ok and (links is None or isinstance(links, dict))


def _replayable(record: dict[str, Any], inventory: Any) -> bool:
    if not _well_formed(record):
        return False
    fields = ("content", "toc", "title", "anchors", "links", "calls", "asked", "blocks", "reads")
    if not all(name in record for name in fields) or not isinstance(record.get("sessions"), dict):
        return False
    if any(session in runs.STATE.chains for session in record["sessions"]):
        return False  # an earlier page used the session: its blocks must run in it
    if not deps.still_valid(runs.STATE.root, record["reads"]):
        return False
    if record["asked"] and inventory is None:
        return False
    return effects.same_answers(record["calls"], record["asked"], inventory)


def _replay(record: dict[str, Any], page: Any, config: Any, files: Any) -> None:
    from markdown_exec._internal.formatters import python
    from markdown_exec._internal.rendering import MarkdownConverter
    from mkdocs.structure.toc import get_toc

    autorefs, inventory = effects.plugins(config)
    for name, recorded, kwargs in record["calls"]:
        args = [page if a == effects.PAGE else a for a in recorded]
        if name == "anchor":
            effects.ORIGINAL["register_anchor"](autorefs, *args, **kwargs)
        elif name == "url":
            effects.ORIGINAL["register_url"](autorefs, *args, **kwargs)
        else:
            effects.ORIGINAL["inventory_register"](inventory, *args, **kwargs)
    MarkdownConverter.counter += record["counter"]
    python._sessions_counter[None] += record["unnamed"]
    for session, head in record["sessions"].items():
        # As after block-level hits: a later block of the session replays these first.
        blocks = record["session_blocks"].get(session, [])
        runs.STATE.chains[session] = head
        runs.STATE.pending.setdefault(session, []).extend((c, i) for c, i in blocks)
        python._sessions_counter[session] = len(blocks)
    page.content = record["content"]
    page.toc = get_toc(record["toc"])
    page._title_from_render = record["title"]
    page.present_anchor_ids = set(record["anchors"])
    if record["links"] is not None:
        page.links_to_anchors = {
            files.get_file_from_path(uri): links for uri, links in record["links"].items()
        }
    for _ in range(record["blocks"]):
        runs.STATE.stats.count(cached=True)


def _tokens(page_toc: Any) -> list[dict[str, Any]]:
    """The table of contents as the ``toc`` extension's tokens (what ``get_toc`` reads)."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": _tokens(item.children),
        }
        for item in page_toc
    ]


def cache_conversions() -> None:
    """Route ``Page.render`` through the cache."""
    from markdown_exec._internal.formatters import python
    from markdown_exec._internal.rendering import MarkdownConverter
    from mkdocs.structure.pages import Page

    render = _original.setdefault("render", Page.render)
    if "handler" not in _original:
        _original["handler"] = effects.Warnings()
        for name in ("", "mkdocs"):  # mkdocs' own logger may not propagate to the root
            logging.getLogger(name).addHandler(_original["handler"])
        effects.wrap_side_effects()

    def cached_render(self: Any, config: Any, files: Any) -> None:
        store = runs.STATE.store
        if store is None or effects.capturing:
            render(self, config, files)
            return
        key = page_key(self, config, files)
        record = store.get(key)
        if record is not None and _replayable(record, effects.plugins(config)[1]):
            _replay(record, self, config, files)
            runs.STATE.stats.converted[1] += 1
            return
        runs.STATE.stats.converted[0] += 1
        capture = effects.Capture(page=self)
        counter = MarkdownConverter.counter
        unnamed = python._sessions_counter.get(None, 0)
        stats = runs.STATE.stats
        blocks = stats.ran + stats.cached
        chains = dict(runs.STATE.chains)
        effects.capturing.append(capture)
        runs.STATE.reads = []
        runs.STATE.wrote = False
        runs.STATE.blocks = []
        recording = deps.start(runs.STATE.root, runs.STATE.ignored())
        try:
            render(self, config, files)
        finally:
            deps.stop(recording)
            effects.capturing.pop()
        if capture.warnings or runs.STATE.failed or runs.STATE.wrote or recording.wrote:
            return
        sessions = {s: h for s, h in runs.STATE.chains.items() if chains.get(s) != h}
        if any(session in chains for session in sessions):
            return  # the page continued an earlier page's session: not its own to replay
        reads = {tuple(r) for r in runs.STATE.reads} | {tuple(r) for r in deps.snapshot(recording)}
        links = self.links_to_anchors
        record = {
            "content": self.content,
            "toc": _tokens(self.toc),
            "title": self._title_from_render,
            "anchors": sorted(self.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            "calls": capture.calls,
            "asked": capture.asked,
            "counter": MarkdownConverter.counter - counter,
            "blocks": stats.ran + stats.cached - blocks,
            "reads": sorted(list(r) for r in reads),
            "sessions": sessions,
            "session_blocks": {
                session: [[c, i] for s, c, i in runs.STATE.blocks if s == session]
                for session in sessions
            },
            "unnamed": python._sessions_counter.get(None, 0) - unnamed,
        }
        try:
            json.dumps(record)
        except (TypeError, ValueError):
            return  # a registration with an argument JSON cannot hold: not stored
        store.put(key, record)

    Page.render = cached_render  # type: ignore[method-assign]
