"""Explorable figures: controls that switch between results computed when the page was built.

A page's build runs the real simulation for every setting of a few controls (say, a grid of
loss rates and latencies), renders each result to HTML (an SVG chart, a table), and emits one
``<figure data-explorable>`` holding the controls, the default view, a live region and the
whole set as JSON. The site's small ``explorable.js`` swaps views as the reader moves a
control: no simulation runs in the browser, so the figure is instant and needs no Pyodide.
Without JavaScript the reader sees the default view and its caption.

Examples:
    >>> html = explorable(
    ...     "doubling",
    ...     "Doubling a number",
    ...     [Control.slider("n", "Number", [1, 2, 3])],
    ...     {"1": 2, "2": 4, "3": 6},
    ... )
    >>> html.startswith('<figure class="week4-explorable" id="explorable-doubling"')
    True
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any, TypeVar

from week4.errors import Week4Error
from week4.render.controls import Control, Kind, Value, key_part, setting_key
from week4.render.tables import cell_text

T = TypeVar("T")

_ID = re.compile(r"[a-z][a-z0-9-]*\Z")


def metrics_html(metrics: Mapping[str, object]) -> str:
    """A two-column HTML table (metric, value), formatted like the Markdown tables.

    It has a class, so Material's JavaScript leaves it alone (it wraps unclassed tables when
    a page loads, which would make the first view differ from the ones swapped in later).

    Examples:
        >>> print(metrics_html({"answered": 96, "success rate": 0.9412}))
        <table class="week4-metrics"><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>
        <tr><td>answered</td><td>96</td></tr>
        <tr><td>success rate</td><td>0.941</td></tr>
        </tbody></table>
    """
    rows = "".join(
        f"<tr><td>{escape(str(name))}</td><td>{escape(cell_text(value))}</td></tr>\n"
        for name, value in metrics.items()
    )
    return (
        '<table class="week4-metrics"><thead><tr><th>metric</th><th>value</th></tr></thead>'
        f"<tbody>\n{rows}</tbody></table>"
    )


def _default_render(result: object) -> str:
    if isinstance(result, Mapping):
        return metrics_html(result)
    return f"<pre>{escape(str(result))}</pre>"


def _control_html(figure_id: str, control: Control) -> str:
    ident = f"explorable-{figure_id}-{control.name}"
    index = control.default_index
    data = f'data-explorable-control="{escape(control.name)}"'
    if control.kind == "toggle":
        checked = " checked" if index else ""
        return (
            f'<label class="week4-explorable__toggle"><input type="checkbox" id="{ident}" '
            f'{data} autocomplete="off"{checked}> {escape(control.label)}</label>'
        )
    label = f'<label for="{ident}">{escape(control.label)}</label>'
    if control.kind == "select":
        options = "".join(
            f'<option value="{i}"{" selected" if i == index else ""}>'
            f"{escape(control.text(v))}</option>"
            for i, v in enumerate(control.values)
        )
        return f'{label}<select id="{ident}" {data} autocomplete="off">{options}</select>'
    shown = escape(control.text(control.values[index]))
    return (
        f'{label}<input type="range" id="{ident}" {data} min="0" '
        f'max="{len(control.values) - 1}" step="1" value="{index}" '
        f'aria-valuetext="{shown}" autocomplete="off">'
        f'<output for="{ident}" data-explorable-output="{escape(control.name)}">{shown}</output>'
    )


def _json(data: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` left unescaped."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorable(
    figure_id: str,
    label: str,
    controls: Sequence[Control],
    results: Mapping[str, T],
    render: Callable[[T], str] = _default_render,
    *,
    summary: Callable[[T], str] | None = None,
) -> str:
    """The HTML of an explorable figure over ``results``, one per setting of ``controls``.

    Args:
        figure_id: A unique id on the page (lower case letters, digits, ``-``).
        label: The figure's accessible name, also shown as its caption.
        controls: The controls, in key order.
        results: One JSON-ready result per setting, keyed by
            [`setting_key`][week4.render.explorable.setting_key] of the controls' values.
        render: Turns a result into the HTML shown for it (an SVG chart, a table); by
            default a mapping becomes a metrics table.
        summary: Turns a result into a short sentence, shown under the figure and announced
            to screen readers after the settings (``"78% answered in time"``).

    Returns:
        A ``<figure data-explorable>`` element: controls (hidden until the script runs),
        the default setting's view, a caption that is an ``aria-live`` region, and a
        ``<script type="application/json">`` with every result, view and caption.

    Raises:
        Week4Error: a bad id or label, controls with clashing names, or ``results`` that
            miss a setting (or hold one that no setting reaches), or are not JSON-ready.
    """
    if not _ID.match(figure_id):
        raise Week4Error(f"figure_id must be lower case letters, digits and '-', got {figure_id!r}")
    if not label.strip():
        raise Week4Error("an explorable figure needs a label (its accessible name)")
    if not controls:
        raise Week4Error("an explorable figure needs at least one control")
    names = [c.name for c in controls]
    if len(set(names)) != len(names):
        raise Week4Error(f"control names must be unique, got {names}")
    settings = list(itertools.product(*(c.values for c in controls)))
    keys = [setting_key(*s) for s in settings]
    missing = [k for k in keys if k not in results]
    if missing:
        raise Week4Error(f"results miss {len(missing)} setting(s), first {missing[0]!r}")
    extra = sorted(set(results) - set(keys))
    if extra:
        raise Week4Error(f"results hold settings no control reaches, first {extra[0]!r}")

    summaries: dict[str, str] = {}
    views: dict[str, str] = {}
    for key, setting in zip(keys, settings, strict=True):
        words = ", ".join(
            f"{c.label.lower()} {c.text(v)}" for c, v in zip(controls, setting, strict=True)
        )
        summaries[key] = f"{words}: {summary(results[key])}" if summary else words
        views[key] = render(results[key])
    data: dict[str, Any] = {
        "id": figure_id,
        "controls": [
            {
                "name": c.name,
                "label": c.label,
                "kind": c.kind,
                "default": c.default_index,
                "keys": [key_part(v) for v in c.values],
                "texts": [c.text(v) for v in c.values],
            }
            for c in controls
        ],
        "results": {k: results[k] for k in keys},
        "summaries": summaries,
        "views": views,
    }
    try:
        payload = _json(data)
    except (TypeError, ValueError) as error:
        raise Week4Error(f"explorable {figure_id!r}: results must be JSON-ready: {error}") from None
    first = setting_key(*(c.values[c.default_index] for c in controls))
    fields = "".join(
        f'<div class="week4-explorable__control">{_control_html(figure_id, c)}</div>'
        for c in controls
    )
    return (
        f'<figure class="week4-explorable" id="explorable-{figure_id}" '
        f'data-explorable="{figure_id}" role="group" aria-label="{escape(label)}">\n'
        f'<figcaption class="week4-explorable__title">{escape(label)}</figcaption>\n'
        f'<div class="week4-explorable__controls" data-explorable-controls hidden>{fields}</div>\n'
        f'<div class="week4-explorable__view" data-explorable-view>{views[first]}</div>\n'
        f'<p class="week4-explorable__status" data-explorable-status aria-live="polite">'
        f"{escape(summaries[first])}</p>\n"
        f'<script type="application/json" data-explorable-data>{payload}</script>\n'
        "</figure>"
    )


__all__ = ["Control", "Kind", "Value", "explorable", "metrics_html", "setting_key"]
