"""`make serve` rebuilds with fresh modules: an edit under src/ shows up on the served page."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPY = ["mkdocs.yml", "pyproject.toml", "package.json", "docs", "hooks", "scripts", "src"]
COPY += ["bench", "tests/data"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode())


class ServerLog:
    """The server's log lines, read by a thread; a test waits for a line, not for time."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)  # the server exited

    def wait_for(self, text: str, timeout: float = 900) -> None:
        """Block until a log line containing ``text`` arrives (the bound only stops a hang)."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"{text!r} never appeared in the log: {self.seen}") from None
            if line is None:
                log = "".join(self.seen[-30:])
                raise AssertionError(f"the server exited before {text!r}:\n{log}")
            self.seen.append(line)
            if text in line:
                return


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    # The site self-hosts Pyodide, Ace and Mermaid from node_modules by default.
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return tmp_path


def test_editing_a_scenario_while_serving_changes_the_served_page(project: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DISABLE_MKDOCS_2_WARNING": "true",
        "NO_MKDOCS_2_WARNING": "1",
        "WEEK4_SITE_URL": f"http://127.0.0.1:{port}/",  # as `make serve` sets it
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stderr is not None
    log = ServerLog(server.stderr)
    try:
        url = f"http://127.0.0.1:{port}/scenarios/partition-heal/"
        log.wait_for("Serving on")
        assert "heartbeats sent" in fetch(url)
        scenario = project / "src" / "week4" / "basics" / "scenarios.py"
        text = scenario.read_text()
        scenario.write_text(text.replace('"heartbeats sent"', '"heartbeats sent (edited live)"'))
        log.wait_for("Reloading browsers")
        page = fetch(url)
        assert "heartbeats sent (edited live)" in page
        assert "Traceback" not in page
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stderr.close()
