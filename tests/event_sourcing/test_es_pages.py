"""What the event sourcing chapter's pages say, checked against the runs they print.

The pages print their numbers from code; these tests hold the sentences around them true.
"""

import re
import runpy
from pathlib import Path

import pytest

from week4 import scenarios

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "docs" / "snippets" / "event_sourcing"
PAGES = ROOT / "docs" / "event-sourcing"


def printed(name, capsys):
    runpy.run_path(str(SNIPPETS / name), run_name="__main__")
    return capsys.readouterr().out


def test_the_crashed_consumer_restarts_from_the_last_checkpoint_before_the_crash(capsys):
    out = printed("subscription.py", capsys)
    batch, crash_at = 10, 27
    assert f"Batches of {batch} events; the consumer dies after handling event {crash_at}." in out
    m = scenarios.get("es-subscription").run(seed=1, events=50, batch=batch, crash_at=crash_at)
    checkpoint = m.metrics["checkpoint at restart"]
    # Mid-batch: the checkpoint is the end of the last whole batch, and the events the first
    # run saw after it arrive again.
    assert checkpoint == crash_at // batch * batch < crash_at
    assert m.metrics["re-delivered"] == crash_at - checkpoint
    assert m.metrics["deliveries"] == m.metrics["events in the log"] + m.metrics["re-delivered"]
    assert f"| checkpoint at restart     | {checkpoint}" in out
    assert "| applied once each         | yes" in out


@pytest.mark.parametrize("name", ["bank_account.py", "replay_fold.py", "time_travel_api.py"])
def test_the_chapter_shows_money_in_euros_never_in_cents(name, capsys):
    out = printed(name, capsys)
    assert not re.search(r"\d+ cents", out)
    assert "€" in out


def test_the_replay_shows_the_refused_command_in_euros(capsys):
    out = printed("replay_fold.py", capsys)
    assert re.search(r"cannot withdraw €\d+(\.\d+)?: balance is €\d+", out)


def test_metrics_tables_say_yes_and_no_rather_than_true_and_false(capsys):
    for name in ("subscription.py", "race.py", "race_compare.py"):
        out = printed(name, capsys)
        assert "True" not in out
        assert "False" not in out


def test_the_snapshot_explorable_says_when_no_snapshot_was_written(capsys):
    out = printed("explore_snapshots.py", capsys)
    assert "for 0 snapshot" not in out
    assert "no snapshot written" in out


def test_the_pages_type_no_figure_of_the_performance_page():
    for page in PAGES.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "10,000" not in text
        assert "13 MB" not in text
