"""MkDocs hook: ```` ```python tryit ```` fences become Try-it blocks the reader can edit and run.

A Try-it block is a code editor, Run, Stop and Reset buttons and an output area. In the
browser, ``docs/javascripts/tryit.js`` runs the code in Pyodide, in a Web Worker, against the
site's own wheel of ``week4`` (``hooks/assets.py`` loads the scripts, only on pages that have
a block).

Every block also runs here, at build time, with the same runner the browser uses
(``docs/javascripts/tryit_runner.py``): its output is shown under the editor before the reader
presses Run, so the page works without the runtime and a broken example fails the build.

Usage in a page:

    ```python tryit
    from week4 import scenarios
    print(scenarios.get("partition-heal").run(seed=1).to_text())
    ```

Options: ``title="..."`` (default "Try it").

The build-time run goes through the execution cache (``hooks/exec_cache.py``): a block whose
code, runner and package are unchanged shows its stored output without running.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)

from execcache import runs  # noqa: E402

#: The runner shared with the browser, relative to the docs folder.
RUNNER = "javascripts/tryit_runner.py"
_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    _state["runner"] = Path(config.docs_dir) / RUNNER
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = superfences.setdefault("custom_fences", [])
    if not any(fence.get("format") is _format for fence in fences):
        fences.append(
            {"name": "python", "class": "python", "validator": _validate, "format": _format}
        )
    return config


def _validate(
    language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Any
) -> bool:
    if "tryit" not in inputs:
        return False
    inputs.pop("tryit")
    options["title"] = inputs.pop("title", "Try it")
    if inputs:
        raise SuperFencesException(f"unknown Try-it option(s): {', '.join(sorted(inputs))}")
    return True


def _run(code: str) -> dict[str, str | None]:
    return runs.run_tryit(_state["runner"], code)


def _format(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    code = source.rstrip("\n") + "\n"
    result = _run(code)
    if result["error"]:
        raise PluginError(
            f"a Try-it block failed when the site was built: {result['error']}\n{code}"
        )
    rows = min(max(code.count("\n") + 1, 4), 30)
    title = escape(options["title"])
    return (
        '<div class="week4-tryit" data-tryit>\n'
        '<div class="week4-tryit__bar">'
        f'<span class="week4-tryit__title">{title}</span>'
        '<button type="button" class="md-button md-button--primary" data-tryit-run hidden '
        'title="Run (Ctrl+Enter)">Run</button>'
        '<button type="button" class="md-button week4-tryit__stop" data-tryit-stop hidden>'
        "Stop</button>"
        '<button type="button" class="md-button" data-tryit-reset hidden>Reset</button>'
        '<span class="week4-tryit__status" data-tryit-status role="status"></span>'
        "</div>\n"
        f'<textarea class="week4-tryit__code" data-tryit-code rows="{rows}" spellcheck="false" '
        'autocapitalize="off" autocomplete="off" '
        f'aria-label="{title}: Python code you can edit and run">\n{escape(code)}</textarea>\n'
        '<div class="week4-tryit__label" data-tryit-label>Output when this site was built</div>\n'
        '<pre class="week4-tryit__output" data-tryit-output><code>'
        f"{escape(result['output'] or '')}</code></pre>\n"
        "</div>"
    )
