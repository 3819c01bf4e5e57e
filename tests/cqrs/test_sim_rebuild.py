"""Rebuilding the account list while queries keep coming."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cqrs.read.account_list import GetAccount
from week4.cqrs.simulations.rebuild import RebuildSetup, run_rebuild, summarize_rebuild

SMALL = RebuildSetup(accounts=5, history=300, batch=50, end_ms=200.0)


@settings(max_examples=10)
@given(seed=st.integers(0, 10_000), batch=st.sampled_from([1, 10, 100]))
def test_blue_green_readers_never_see_a_half_built_or_older_list(seed: int, batch: int) -> None:
    setup = RebuildSetup(accounts=5, history=200, batch=batch, end_ms=150.0)
    summary = summarize_rebuild(run_rebuild(seed, "blue-green", setup))
    assert summary.not_found == 0
    assert summary.wrong_balance == 0
    assert summary.went_back == 0


def test_blue_green_swaps_once_and_the_new_generation_answers_afterwards() -> None:
    run = run_rebuild(1, "blue-green", SMALL)
    assert run.finished_at is not None
    before = {a.generation for a in run.answers if a.at < run.finished_at}
    after = {a.generation for a in run.answers if a.at > run.finished_at}
    assert (before, after) == ({1}, {2})
    assert all(b.position >= a.position for a, b in pairwise(run.answers))


def test_the_rebuilt_list_equals_the_write_model_after_the_swap() -> None:
    run = run_rebuild(2, "blue-green", SMALL)
    for i in range(1, 6):
        row = run.model.ask(GetAccount(f"acc-{i}"))
        assert row == run.bank.read_from_write_model(f"acc-{i}")


def test_rebuilding_in_place_shows_readers_wrong_balances_while_it_runs() -> None:
    summary = summarize_rebuild(run_rebuild(1, "in-place", SMALL))
    assert summary.during > 0
    assert summary.wrong_balance >= 1
    assert summary.behind_max > SMALL.batch
