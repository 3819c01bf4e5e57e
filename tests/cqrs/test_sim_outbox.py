"""The dual write and the outbox on the simulator, with the app process dying at random."""

from __future__ import annotations

import pytest

from week4.cqrs.simulations.outbox import run_outbox
from week4.sim.trace import TraceEvent


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_outbox_loses_no_update_over_two_hundred_crashes(seed: int) -> None:
    report = run_outbox(seed, "outbox", crashes=200).report
    assert report.crashes == 200
    assert report.lost == 0
    assert report.applied_twice == 0
    assert report.consistent


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_commit_then_publish_loses_updates_over_two_hundred_crashes(seed: int) -> None:
    report = run_outbox(seed, "dual-write", crashes=200).report
    assert report.crashes == 200
    assert report.lost > 0
    assert not report.consistent


def test_the_outbox_delivers_some_messages_twice_and_the_consumer_skips_them() -> None:
    report = run_outbox(1, "outbox", crashes=200).report
    assert report.duplicated > 0
    assert report.applied_twice == 0


def test_a_lost_update_is_a_commit_followed_by_a_death_before_the_publish() -> None:
    run = run_outbox(1, "dual-write", crashes=20)
    deaths = [e for e in run.sim.trace if e.kind == "state" and e.detail.startswith("dies")]
    assert any(e.detail == "dies after-commit" for e in deaths)
    assert run.report.lost <= sum(1 for e in deaths if e.detail == "dies after-commit")


def test_every_death_is_followed_by_a_restart() -> None:
    run = run_outbox(2, "outbox", crashes=30)
    kinds: list[TraceEvent] = [e for e in run.sim.trace if e.kind in {"crash", "restart"}]
    assert [e.kind for e in kinds] == ["crash", "restart"] * 30


def test_without_crashes_neither_design_loses_or_duplicates_anything() -> None:
    for design in ("dual-write", "outbox"):
        report = run_outbox(1, design, crashes=0).report
        assert (report.lost, report.duplicated, report.consistent) == (0, 0, True)


def test_the_same_seed_gives_the_same_trace() -> None:
    first = run_outbox(4, "outbox", crashes=10)
    second = run_outbox(4, "outbox", crashes=10)
    assert first.sim.trace.to_dicts() == second.sim.trace.to_dicts()
    assert first.report == second.report
