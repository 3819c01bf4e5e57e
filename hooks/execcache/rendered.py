"""The theme's rendering of a page, cached: the same page in the same site is the same HTML.

With every block cached, a warm build still spent about 40% of its time in Material's
templates, most of it drawing the navigation into each page. A template's output is a pure
function of its context, so the output of ``main.html`` (or the page's own template) is
stored under a key that holds everything the context can carry:

- the page: its HTML (after cross-references are fixed), table of contents, title, meta, URL,
  canonical and edit URLs, source path, and its neighbours and ancestors (titles and URLs);
- the whole navigation (every entry's kind, title and URL: the sidebar and the tabs);
- the context's other values (base URL, extra CSS and JavaScript, the documentation pages);
- the config, every value but the plugin objects (their options are in mkdocs.yml, whose
  digest is in the key, and their code is in the locked dependencies);
- the theme's templates (the locked dependencies, and a ``custom_dir``'s files) and the
  hooks' source (a hook can add a Jinja filter).

Two values are left out when no template of the theme mentions them (checked once per
build): ``build_date_utc``, the time of the build, different on every build, and the config's
``site_dir``, where the site is written. A theme that mentions the date has it in the key, so
its pages are reused only between builds that fix it (``SOURCE_DATE_EPOCH``).
``on_post_page`` hooks run on the output either way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from execcache import keys, runs
from execcache.store import digest

#: Context values read into the key one by one (``page``, ``nav``), by a digest made once a
#: build (``config``, ``pages``), or left out (``build_date_utc``, see the module's text).
SPECIAL = {"page", "nav", "config", "pages", "build_date_utc"}


def _plain(value: Any) -> Any:
    """A JSON-able copy of a config value: containers and scalars kept, objects by repr."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, Path):
        return str(value)
    text = repr(value)  # a value object's repr says what it holds; an address says nothing
    return type(value).__qualname__ if " at 0x" in text else text


def _link(page: Any) -> list[Any] | None:
    return None if page is None else [getattr(page, "title", None), getattr(page, "url", None)]


def _nav(items: Any) -> list[Any]:
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), _nav(item.children or [])]
        for item in items
    ]


def _theme_dirs(config: Any) -> list[str]:
    return [str(folder) for folder in getattr(config.theme, "dirs", [])]


def _mentioned(config: Any, names: set[str]) -> set[str]:
    """Which of ``names`` some template of the theme mentions (all, if one is unreadable)."""
    found: set[str] = set()
    for folder in _theme_dirs(config):
        for path in Path(folder).rglob("*.html"):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return names
            found |= {name for name in names if name in text}
    return found


def _site_key(context: dict[str, Any]) -> str | None:
    """The key's part shared by every page of this build (None: this build caches nothing)."""
    return runs.once("rendered pages", lambda: _compute_site_key(context))


def _compute_site_key(context: dict[str, Any]) -> str | None:
    config, nav = context.get("config"), context.get("nav")
    key: str | None = None
    if config is not None and nav is not None:
        mentioned = _mentioned(config, {"build_date_utc", "site_dir"})
        dated = "build_date_utc" in mentioned
        settings = Path(config.config_file_path)
        custom = getattr(config.theme, "custom_dir", None)
        # Where the site is written (``--site-dir``) is not on a page, unless a template says.
        unread = {"plugins"} | ({"site_dir"} - mentioned)
        values = {k: _plain(v) for k, v in config.items() if k not in unread}
        values["theme dirs"] = _theme_dirs(config)
        # The project's folder is not part of a page: a copy of the project reuses its pages.
        values_text = json.dumps(values, sort_keys=True).replace(str(settings.parent), "<root>")
        key = digest(
            runs.STATE.tools,
            runs.once("settings", lambda: keys.settings_digest(settings)),
            keys.tree_digest(Path(custom)) if custom else "",
            values_text,
            json.dumps(_nav(nav.items)),
            json.dumps([getattr(f, "src_uri", str(f)) for f in context.get("pages") or []]),
            str(context.get("build_date_utc")) if dated else "undated",
        )
    return key


def page_key(template: str, context: dict[str, Any]) -> str | None:
    """The key of a page's rendering (None: not a page, or a build that caches nothing)."""
    page = context.get("page")
    if page is None or getattr(page, "content", None) is None or runs.STATE.store is None:
        return None
    site = _site_key(context)
    if site is None:
        return None
    rest = {k: _plain(v) for k, v in context.items() if k not in SPECIAL}
    return digest(
        site,
        "rendered page",
        template,
        page.content,
        json.dumps(
            [
                page.url,
                page.file.src_uri,
                getattr(page, "canonical_url", None),
                getattr(page, "edit_url", None),
                page.title,
                page.is_homepage,
                _plain(page.meta),
                keys.outline(page.toc),
                _link(page.previous_page),
                _link(page.next_page),
                [_link(a) for a in page.ancestors],
                rest,
            ],
            sort_keys=True,
            default=repr,
        ),
    )


def cache_templates(env: Any) -> None:
    """Make ``env``'s templates answer a page's rendering from the cache."""
    base = env.template_class

    class CachedTemplate(base):  # type: ignore[misc, valid-type]
        def render(self, *args: Any, **kwargs: Any) -> str:
            context = args[0] if len(args) == 1 and not kwargs else None
            key = page_key(self.name or "", context) if isinstance(context, dict) else None
            store = runs.STATE.store
            if key is None or store is None:
                return super().render(*args, **kwargs)  # type: ignore[no-any-return]
            record = store.get(key)
            if record is not None and isinstance(record.get("html"), str):
                runs.STATE.stats.rendered[1] += 1
                html: str = record["html"]
                return html
            runs.STATE.stats.rendered[0] += 1
            html = super().render(*args, **kwargs)
            store.put(key, {"html": html})
            return html

    env.template_class = CachedTemplate
    if env.cache is not None:
        env.cache.clear()  # a template loaded before now is of the plain class
