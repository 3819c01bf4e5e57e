"""Run a Try-it block's code and capture what it prints: the same function in two places.

``hooks/tryit.py`` runs every Try-it block with it when the site is built (the output shown
under the editor), and ``tryit.js`` fetches this file and runs it in Pyodide for the reader's
edits, so the browser and the build produce output the same way.

A learner's mistake is not a page error: an exception becomes one short line naming the
error and the line of the block it came from, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import traceback

FILENAME = "<try-it>"


def _short_error(error: BaseException) -> str:
    if isinstance(error, SyntaxError) and error.filename == FILENAME:
        return f"{type(error).__name__}: {error.msg} (line {error.lineno})"
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == FILENAME]
    where = f" (line {lines[-1]})" if lines else ""
    message = str(error)
    return (
        f"{type(error).__name__}: {message}{where}" if message else f"{type(error).__name__}{where}"
    )


def run(code: str) -> str:
    """Run ``code`` in a fresh namespace; JSON ``{"output": printed text, "error": line}``."""
    printed = io.StringIO()
    error = None
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            exec(compile(code, FILENAME, "exec"), namespace)
        except BaseException as caught:  # SystemExit and KeyboardInterrupt are the reader's too
            error = _short_error(caught)
    return json.dumps({"output": printed.getvalue(), "error": error})
