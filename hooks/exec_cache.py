"""MkDocs hook: the execution cache of markdown-exec blocks and Try-it blocks (issue 14).

With the cache on (the default), a block whose key is known is answered from
``.cache/week4-exec/`` without running; a prose edit re-runs nothing, an edit under ``src/``
re-runs every block (the package's source is in every key). See ``hooks/execcache/``.

Whole pages are reused too: a page's Markdown conversion (``execcache.converted``), the
theme's drawing of it (``execcache.rendered``), its cross-references and search entries
(``execcache.tools``). The folder is pruned to ``WEEK4_CACHE_LIMIT_MB`` (500 by default)
after a build that wrote many entries, least recently used first.

``WEEK4_CACHE=0`` turns it off: every block runs, in this process, as markdown-exec alone
would run it. ``make test``, ``make docs`` and the Pages workflow build that way, so a broken
example always fails CI. ``WEEK4_CACHE_DIR`` moves the cache (tests and the benchmark).

On a build with pages whose blocks are not known to be cached, the pages' blocks first run in
two worker processes (``execcache.prefetch``), so a cold build uses both cores, unless the
machine is already busy (load average at or above the workers). ``WEEK4_CACHE_WORKERS=N``
asks for N workers whatever the load (0 or 1: none).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)  # the workers import execcache by name

from execcache import aliases, converted, keys, markup, prefetch, references, rendered, runs, tools  # noqa: E402
from execcache.store import (  # noqa: E402
    LIMIT_MB,
    PRUNE_AFTER,
    Store,
    digest,
    enabled,
    folder,
    setting_error,
)

#: A page might run something: an executed fence, a Try-it fence, or an included snippet.
CANDIDATE = re.compile(r"exec=|\btryit\b|--8<--")
_state: dict[str, Any] = {}
log = logging.getLogger("mkdocs.plugins.week4.cache")


def on_config(config: Any) -> Any:
    problem = settings_error()  # before anything reads them: a typo stops the build
    if problem:
        raise PluginError(problem)
    runs.install()
    tools.cache_signatures()
    tools.cache_search()
    settings_digest = keys.settings_digest(Path(config.config_file_path))
    tools.cache_api_pages(settings_digest)
    references.cache_cross_references(settings_digest)
    aliases.complete_aliases_before_rendering()  # cache on or off: the same aliases
    markup.cache_conversions(settings_digest)
    converted.cache_conversions()
    return config


def _payload(config: Any, root: Path, store: Store, env: str) -> dict[str, Any]:
    """What a worker needs to convert pages like the build does (names and plain options)."""
    from markdown_exec._internal.main import formatter

    extensions = [name for name in config.markdown_extensions if isinstance(name, str)]
    configs = {name: dict(config.mdx_configs.get(name, {})) for name in extensions}
    fences = configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    languages = [f["name"] for f in fences if f.get("format") is formatter]
    plain = [
        f
        for f in fences
        if f.get("format") is not formatter
        and "/" not in getattr(f.get("format"), "__module__", "/")
        and "/" not in getattr(f.get("validator"), "__module__", "")
    ]
    if "pymdownx.superfences" in configs:
        configs["pymdownx.superfences"] = {
            **configs["pymdownx.superfences"],
            "custom_fences": plain,
        }
    runner = Path(config.docs_dir) / "javascripts" / "tryit_runner.py"
    return {
        "root": str(root),
        "folder": str(store.folder),
        "env": env,
        "build": runs.STATE.build,
        "extensions": extensions,
        "configs": configs,
        "languages": languages,
        "runner": str(runner) if runner.exists() else "",
    }


def _hint(uri: str, text: str) -> str:
    return digest(_state["env"], _state["snippets"], uri, text)


def _unknown(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    store: Store = _state["store"]
    return [
        (uri, text)
        for uri, text in pages
        if CANDIDATE.search(text) and not store.has_marker(_hint(uri, text))
    ]


def settings_error() -> str | None:
    """What is wrong with the cache's environment variables, if anything (one line)."""
    workers = os.environ.get("WEEK4_CACHE_WORKERS", "").strip()
    limit = os.environ.get("WEEK4_CACHE_LIMIT_MB", "").strip()
    if problem := setting_error():
        return problem
    if workers and not workers.isdigit():
        return f"WEEK4_CACHE_WORKERS must be a whole number of worker processes, got {workers!r}"
    if limit and not limit.isdigit():
        megabytes = "a whole number of megabytes (0 or more)"
        return f"WEEK4_CACHE_LIMIT_MB must be {megabytes}, got {limit!r}"
    return None


def limit_mb() -> int:
    """The cache folder's size limit (``WEEK4_CACHE_LIMIT_MB``, checked by on_config)."""
    text = os.environ.get("WEEK4_CACHE_LIMIT_MB", "").strip()
    return int(text) if text.isdigit() else LIMIT_MB


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    _state["limit"] = limit_mb()
    env = keys.environment_key(root)
    store = Store(folder(root)) if enabled() else None
    runs.configure(root, store, env, keys.tools_key(root), build=uuid.uuid4().hex)
    _state.update(env=env, store=store, prefetch=None, started=time.time() - 1)
    if store is None:
        return
    docs = Path(config.docs_dir)
    _state["snippets"] = keys.tree_digest(docs / "snippets")
    try:
        payload = _payload(config, root, store, env)
    except Exception as error:  # a config the workers cannot mirror: build without them
        log.info("exec cache: no worker processes for this build (%s)", error)
        return
    forced = os.environ.get("WEEK4_CACHE_WORKERS", "")
    workers = int(forced) if forced.isdigit() else min(2, prefetch.cores())
    _state["prefetch"] = prefetch.Prefetcher(payload, workers, when_idle=not forced.isdigit())
    pages = [
        (path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8-sig"))
        for path in sorted(docs.rglob("*.md"))
        if "snippets" not in path.relative_to(docs).parts
    ]
    _state["prefetch"].submit(_unknown(pages))


def _api_pages_first(files: Any) -> None:
    """Put the API reference's pages first in the order MkDocs converts pages.

    They run no block, but rendering them (mkdocstrings) is a third of a cold build, all of
    it in this process. First, that work overlaps the worker processes running the other
    pages' blocks, instead of starting after them. The order is the same with the cache off,
    so every build numbers its blocks and lists its pages alike (byte-identical pages).
    """
    pages = [f for f in files if f.is_documentation_page()]
    first = [f for f in pages if f.src_uri.startswith("reference/")]
    rest = [f for f in pages if not f.src_uri.startswith("reference/")]
    for file in first + rest:
        files.remove(file)
        files.append(file)


def on_files(files: Any, config: Any) -> Any:
    _api_pages_first(files)
    if _state.get("prefetch") is not None:
        pages = []
        for file in files.documentation_pages():
            if file.generated_by is not None:  # pages from disk went in on_pre_build
                pages.append((file.src_uri, file.content_string))
        _state["prefetch"].submit(_unknown(pages))
    return files


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The theme's templates compiled once (Jinja's bytecode cache), and pages rendered once."""
    store = _state.get("store")
    if store is not None:
        from jinja2 import FileSystemBytecodeCache

        compiled = store.folder / "jinja" / runs.STATE.tools[:16]
        try:
            compiled.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env
        env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        rendered.cache_templates(env)
    return env


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    runs.STATE.stats.page = page.file.src_uri
    runs.STATE.failed = False
    if _state.get("prefetch") is not None:
        done = _state["prefetch"].wait(page.file.src_uri)
        if done is not None:  # the scenario runs the page's worker made or reused
            runs.STATE.stats.scenario_runs[0] += done[2]
            runs.STATE.stats.scenario_runs[1] += done[3]
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    store = _state.get("store")
    if store is not None and not runs.STATE.failed:
        store.set_marker(_hint(page.file.src_uri, page.file.content_string))
    runs.STATE.stats.page = ""
    return html


def _close() -> None:
    if _state.get("prefetch") is not None:
        _state["prefetch"].close()
        _state["prefetch"] = None


def on_post_build(config: Any) -> None:
    _close()
    store: Store | None = _state.get("store")
    if store is not None and store.writes >= PRUNE_AFTER:
        megabytes = _state["limit"]
        deleted = store.prune(megabytes * 1_000_000, used_since=_state["started"])
        if deleted:
            log.info(
                "exec cache: %d least recently used entries deleted (limit %d MB)",
                deleted,
                megabytes,
            )


def on_build_error(error: Exception) -> None:
    _close()


def on_shutdown() -> None:
    _close()
