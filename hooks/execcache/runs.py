"""markdown-exec's Python runner and the Try-it runner, cached.

markdown-exec hands each ``python``/``pycon`` block to ``_run_python(code, session=, id=,
**extra)``, which returns the text the block printed; the formatter turns that text into
HTML afterwards, every time, so a cached block renders exactly as a run one (toc, ids and all).
:func:`install` puts :func:`run_python` in its place.

A block's key chains everything its output depends on: the environment key (package source,
Python, locked deps), the code as it reaches the runner (pymdownx.snippets has already pasted
the ``--8<--`` files in), its options, markdown-exec's block id (it names the block's module),
and for a session the state its earlier blocks left: the previous block's key and the
digests of the files it read. So a change to an earlier block changes every later key.

A hit runs nothing, but its session must stay usable: the hit's code is kept, and the first
miss later in that session replays the kept code silently (in order, print going nowhere)
before it runs, so the miss sees exactly the globals a build without the cache would give it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from markdown_exec._internal.formatters import pycon, python
from markdown_exec._internal.formatters._exec_python import exec_python
from markdown_exec._internal.formatters.base import ExecutionError

from execcache import deps, scenario_runs
from execcache.store import Store, digest

T = TypeVar("T")
ORIGINAL = getattr(python._run_python, "__wrapped__", python._run_python)


@dataclass
class Stats:
    """What the build's blocks did: ran, came from the cache, replayed for a session."""

    ran: int = 0
    cached: int = 0
    replayed: int = 0
    failed: int = 0
    in_workers: int = 0
    pages: dict[str, list[int]] = field(default_factory=dict)
    page: str = ""
    #: Pages converted to HTML / answered by the cache; theme renderings likewise.
    converted: list[int] = field(default_factory=lambda: [0, 0])
    rendered: list[int] = field(default_factory=lambda: [0, 0])
    #: Scenario runs made / answered with another page's run (``execcache.scenario_runs``).
    scenario_runs: list[int] = field(default_factory=lambda: [0, 0])

    def count(self, cached: bool) -> None:
        if cached:
            self.cached += 1
        else:
            self.ran += 1
        self.pages.setdefault(self.page, [0, 0])[1 if cached else 0] += 1

    def count_hit(self, record: dict[str, Any], build: str) -> None:
        """A hit on an entry a worker of this very build made counts as a block that ran."""
        if build and record.get("build") == build:
            self.in_workers += 1
            self.count(cached=False)
        else:
            self.count(cached=True)


@dataclass
class State:
    """The cache of one build (``store`` None: off, every block runs)."""

    root: Path = field(default_factory=Path.cwd)
    store: Store | None = None
    env: str = ""
    tools: str = ""
    build: str = ""
    stats: Stats = field(default_factory=Stats)
    chains: dict[str, str] = field(default_factory=dict)
    pending: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    failed: bool = False
    #: The current page's blocks: the files they read (hit or run), and whether one wrote.
    reads: list[list[str]] = field(default_factory=list)
    wrote: bool = False
    #: Values computed once a build (``once``): a new build starts with none.
    memo: dict[str, Any] = field(default_factory=dict)
    #: The current page's blocks in sessions, in order: (session, code, block id).
    blocks: list[tuple[str, str, str]] = field(default_factory=list)

    def ignored(self) -> tuple[Path, ...]:
        folders = [self.root / "src" / "week4", self.root / ".venv", self.root / ".git"]
        return (*folders, *([self.store.folder] if self.store else []))


STATE = State()


def configure(root: Path, store: Store | None, env: str, tools: str = "", build: str = "") -> None:
    """Start a build (``build``: its id, shared with its workers), sessions emptied."""
    global STATE  # noqa: PLW0603 (one build at a time per process)
    STATE = State(root=root, store=store, env=env, tools=tools, build=build)
    reset_sessions()


def once(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed at its first use in this build and reused until the next."""
    if name not in STATE.memo:
        STATE.memo[name] = compute()
    value: T = STATE.memo[name]
    return value


def reset_sessions() -> None:
    """Empty markdown-exec's sessions and block counters (a build starts from nothing)."""
    python._sessions_globals.clear()
    python._sessions_counter.clear()
    python._code_blocks.clear()
    STATE.chains.clear()
    STATE.pending.clear()


def install() -> None:
    """Route markdown-exec's ``python``, ``py`` and ``pycon`` blocks through the cache."""
    python._run_python = run_python  # type: ignore[assignment]
    pycon._run_python = run_python  # type: ignore[attr-defined]


def _valid(record: dict[str, Any] | None, field_name: str) -> bool:
    return (
        record is not None
        and field_name in record
        and deps.still_valid(STATE.root, record.get("reads"))
    )


def _replay(session: str) -> None:
    """Run the session's cached blocks' code silently, so its globals are what they'd be."""
    namespace = python._sessions_globals[session]
    for code, block_id in STATE.pending.pop(session, []):
        module_name = re.sub(r"[^a-zA-Z\d]+", "_", block_id)
        namespace["__name__"] = module_name
        sys.modules[module_name] = ModuleType(module_name)
        namespace["print"] = partial(python._buffer_print, StringIO())
        try:
            exec_python(code, block_id, namespace)
        except Exception as error:
            message = f"replaying cached block {block_id} of session {session!r}: {error!r}"
            raise ExecutionError(message) from error
        STATE.stats.replayed += 1


def _count_scenario_run(reused: bool) -> None:
    STATE.stats.scenario_runs[1 if reused else 0] += 1


def _shared_runs() -> tuple[Store, str, Path] | None:
    """Where scenario runs are shared beyond this process: the store, when the cache is on."""
    return (STATE.store, STATE.env, STATE.root) if STATE.store else None


def run_python(
    code: str,
    returncode: int | None = None,
    session: str | None = None,
    id: str | None = None,
    **extra: str,
) -> str:
    """markdown-exec's ``_run_python``, answered from the cache when the key is known."""
    block_id = python._code_block_id(id, session, extra.get("title"))  # advances the counter
    if session:
        STATE.blocks.append((session, code, block_id))
    before = STATE.chains.get(session, "start") if session else "no session"
    key = digest(
        STATE.env,
        "python",
        before,
        block_id,
        code,
        json.dumps(sorted(extra.items())),
        os.path.relpath(os.getcwd(), STATE.root),
        os.environ.get("COLUMNS", ""),
    )
    record = STATE.store.get(key) if STATE.store else None
    if _valid(record, "output") and isinstance(record["output"], str):  # type: ignore[index]
        python._code_blocks[block_id] = code.split("\n")
        if session:
            STATE.pending.setdefault(session, []).append((code, block_id))
            STATE.chains[session] = digest(key, json.dumps(record["reads"]))  # type: ignore[index]
        STATE.stats.count_hit(record, STATE.build)  # type: ignore[arg-type]
        STATE.reads.extend(record["reads"])  # type: ignore[index]
        output: str = record["output"]  # type: ignore[index]
        return output
    if session:
        _replay(session)
    python._sessions_counter[session] -= 1  # the real runner advances it again
    recording = deps.start(STATE.root, STATE.ignored())
    scenario_runs.install(code, _shared_runs, _count_scenario_run)
    try:
        output = ORIGINAL(code, returncode=returncode, session=session, id=id, **extra)
    except BaseException:
        STATE.failed = True
        STATE.stats.failed += 1
        if session:
            STATE.chains[session] = digest(key, "failed")
        raise
    finally:
        deps.stop(recording)
        STATE.stats.count(cached=False)
    reads = deps.snapshot(recording)
    STATE.reads.extend(reads)
    STATE.wrote = STATE.wrote or recording.wrote
    if session:
        STATE.chains[session] = digest(key, json.dumps(reads))
    if STATE.store and not recording.wrote:
        STATE.store.put(key, {"output": output, "reads": reads, "build": STATE.build})
    return output


def _run_tryit(runner: Path, source: str, code: str) -> dict[str, str | None]:
    namespace: dict[str, Any] = {"__name__": "week4_tryit_runner"}
    exec(compile(source, str(runner), "exec"), namespace)
    result: dict[str, str | None] = json.loads(namespace["run"](code))
    return result


def run_tryit(runner: Path, code: str) -> dict[str, str | None]:
    """A Try-it block's build-time result (``output``, ``error``), cached unless it failed."""
    source = runner.read_text(encoding="utf-8")
    key = digest(STATE.env, "tryit", source, code)
    record = STATE.store.get(key) if STATE.store else None
    if _valid(record, "result") and isinstance(record["result"], dict):  # type: ignore[index]
        STATE.stats.count_hit(record, STATE.build)  # type: ignore[arg-type]
        STATE.reads.extend(record["reads"])  # type: ignore[index]
        cached: dict[str, str | None] = record["result"]  # type: ignore[index]
        return cached
    recording = deps.start(STATE.root, STATE.ignored())
    try:
        result = _run_tryit(runner, source, code)
    finally:
        deps.stop(recording)
        STATE.stats.count(cached=False)
    reads = deps.snapshot(recording)
    STATE.reads.extend(reads)
    STATE.wrote = STATE.wrote or recording.wrote
    if result["error"]:
        STATE.failed = True
        STATE.stats.failed += 1
    elif STATE.store and not recording.wrote:
        STATE.store.put(key, {"result": result, "reads": reads, "build": STATE.build})
    return result


run_python.__wrapped__ = ORIGINAL  # type: ignore[attr-defined]
