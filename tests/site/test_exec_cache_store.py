"""The execution cache's store: whole entries or none, whatever happens to the folder."""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from execcache.store import Store, digest, enabled, setting_error  # noqa: E402


def test_a_stored_record_comes_back_under_its_key_only(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("ab12", {"output": "x < y\n"})
    assert store.get("ab12") == {"output": "x < y\n", "key": "ab12"}
    assert store.get("ab13") is None


def test_unreadable_or_foreign_entries_are_misses_not_errors(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for number, junk in enumerate([b"", b"{", b"[1]", b'{"key": "other"}', b"\xff\xfe"]):
        key = f"cd{number}"
        (tmp_path / "cd").mkdir(exist_ok=True)
        (tmp_path / "cd" / f"{key}.json").write_bytes(junk)
        assert store.get(key) is None


def test_the_parts_of_a_digest_cannot_run_into_each_other() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def _hammer(args: tuple[str, int]) -> None:
    folder, writer = args
    store = Store(Path(folder))
    for round_ in range(200):
        store.put("ee00", {"output": f"{writer}:{round_}" + "z" * 5000})


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_hammer, [(str(tmp_path), 1), (str(tmp_path), 2)]))
    record = json.loads((tmp_path / "ee" / "ee00.json").read_text())
    assert record["output"].endswith("z" * 5000)
    assert not [p for p in (tmp_path / "ee").iterdir() if p.name.startswith(".tmp-")]


def test_a_folder_that_cannot_be_written_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "cache")  # a folder inside a file: every write fails
    store.put("ff00", {"output": "x"})
    assert store.get("ff00") is None


def test_pruning_deletes_the_least_recently_used_entries_down_to_80_percent(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path)
    keys = [f"{n:02d}{'x' * 10}" for n in range(10)]
    for age, key in enumerate(keys):
        store.put(key, {"output": "y" * 1000})
        entry = tmp_path / key[:2] / f"{key}.json"
        old = 1_000_000 + age  # the first written is the least recently used
        os.utime(entry, (old, old))
    size = sum(p.stat().st_size for p in tmp_path.rglob("*.json"))
    assert store.prune(size, used_since=0) == 0  # within the limit: nothing to do
    deleted = store.prune(size // 2, used_since=2_000_000)
    left = [key for key in keys if store.get(key) is not None]
    assert left == keys[deleted:]  # the oldest went first
    assert sum(p.stat().st_size for p in tmp_path.rglob("*.json")) <= 0.8 * (size // 2)


def test_pruning_never_deletes_an_entry_this_build_used(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("aa1", {"output": "old"})
    os.utime(tmp_path / "aa" / "aa1.json", (1_000, 1_000))
    store.put("bb1", {"output": "used"})
    assert store.get("aa1") is not None  # a hit: used again now
    assert store.prune(1, used_since=time.time() - 60) == 0
    assert store.get("aa1") is not None
    assert store.get("bb1") is not None


def test_a_long_text_is_stored_beside_its_entry_and_a_lost_one_is_a_miss(tmp_path: Path) -> None:
    store = Store(tmp_path)
    page = "<p>" + "x" * 40_000 + "</p>"
    store.put("ee1", {"html": page, "n": 1})
    assert store.get("ee1") == {"html": page, "n": 1, "key": "ee1"}
    beside = tmp_path / "ee" / "ee1.html.txt"
    assert beside.read_text() == page
    assert page not in (tmp_path / "ee" / "ee1.json").read_text()
    beside.unlink()
    assert store.get("ee1") is None


def test_pruning_removes_what_a_killed_build_left_half_written(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("ff1", {"output": "kept"})
    stale = tmp_path / "ff" / ".tmp-abc.json"
    stale.write_text('{"trunc')
    os.utime(stale, (1_000, 1_000))
    store.prune(10**9, used_since=time.time())
    assert not stale.exists()
    assert store.get("ff1") is not None


def test_the_sites_settings_key_follows_mkdocstrings_custom_templates(tmp_path: Path) -> None:
    from execcache.keys import settings_digest

    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - mkdocstrings:\n      custom_templates: docs/templates\n")
    template = tmp_path / "docs" / "templates" / "python" / "material" / "summary.html.jinja"
    template.parent.mkdir(parents=True)
    template.write_text("{{ one }}")
    before = settings_digest(config)
    (tmp_path / "docs" / "index.md").write_text("prose is not a setting")
    assert settings_digest(config) == before
    template.write_text("{{ two }}")
    assert settings_digest(config) != before


@pytest.mark.parametrize("value", ["1", "on", "YES", "true", "0", "off", "No", "false", ""])
def test_every_spelling_of_on_and_off_is_accepted(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEK4_CACHE", value)
    assert setting_error() is None
    assert enabled() == (value.lower() not in {"0", "off", "no", "false"})
