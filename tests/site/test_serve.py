"""`make serve` rebuilds with fresh modules: an edit under src/ shows up on the served page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPY = ["mkdocs.yml", "package.json", "docs", "hooks", "scripts", "src", "bench", "tests/data"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode())
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    page = None
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, tmp_path / name)
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
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/scenarios/partition-heal/"
        wait_for(url, "heartbeats sent", 90)
        scenario = project / "src" / "week4" / "basics" / "scenarios.py"
        text = scenario.read_text()
        scenario.write_text(text.replace('"heartbeats sent"', '"heartbeats sent (edited live)"'))
        page = wait_for(url, "heartbeats sent (edited live)", 90)
        assert "Traceback" not in page
    finally:
        server.terminate()
        server.wait(timeout=20)
