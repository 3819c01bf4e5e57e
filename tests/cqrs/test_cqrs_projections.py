"""Projections: inline, async and live agree; a crashed projection resumes and applies each
event once; a rebuild swaps in blue/green while queries keep their answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cqrs_banks import BACKENDS, Banks, banks, story

from week4.cqrs import (
    Answer,
    AsyncProjection,
    Deposit,
    GetAccount,
    GetStatement,
    InMemoryAccountList,
    InMemoryMovements,
    LargestMovements,
    ListAccounts,
    NotYet,
    OpenAccount,
    Queries,
    ReadModelError,
    Rebuild,
    SimulatedCrash,
    SQLiteAccountList,
    SQLiteReadStore,
    UnknownMessageError,
    live_account,
    live_view,
    wait_for_position,
)
from week4.cqrs.app import BankApp
from week4.event_sourcing import RecordedEvent


@pytest.fixture(params=BACKENDS)
def make_bank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Banks]:
    yield from banks(request.param, tmp_path)


def views(bank: BankApp) -> tuple[object, ...]:
    return (
        bank.accounts.ask(ListAccounts()),
        bank.movements.ask(LargestMovements(1000)),
        bank.movements.ask(GetStatement("acc-a")),
    )


def test_inline_async_and_live_agree_once_the_async_projection_caught_up(
    make_bank: Banks,
) -> None:
    inline, lagging = make_bank(inline=["account_list", "movements"]), make_bank()
    story(inline)
    story(lagging)
    assert views(lagging) != views(inline)  # nothing projected yet: the async lag
    lagging.project_available()
    live_accounts = live_view(inline.store, InMemoryAccountList)
    live_movements = live_view(inline.store, InMemoryMovements)
    assert views(lagging) == views(inline)
    assert live_accounts.ask(ListAccounts()) == inline.accounts.ask(ListAccounts())
    assert live_movements.ask(LargestMovements(1000)) == inline.movements.ask(
        LargestMovements(1000)
    )
    for row in inline.accounts.ask(ListAccounts()):
        assert live_account(inline.store, row.account) == row
    assert live_account(inline.store, "nobody") is None


def test_the_async_lag_counts_the_events_not_yet_applied(make_bank: Banks) -> None:
    bank = make_bank(inline=["account_list"])
    story(bank)
    projection = bank.projections["movements"]
    assert (projection.lag, projection.position) == (8, 0)
    assert projection.project_available(limit=3) == 3
    assert (projection.lag, projection.position) == (5, 3)
    assert projection.project_available() == 5
    assert projection.project_available() == 0
    assert projection.lag == 0


@pytest.mark.parametrize("batch_size", [1, 3, 100])
def test_a_projection_crashing_at_any_event_resumes_and_applies_each_event_once(
    make_bank: Banks, batch_size: int
) -> None:
    reference = make_bank()
    story(reference)
    reference.project_available()
    for index in range(1, reference.store.last_position() + 1):
        crashes = {index}
        applied: list[int] = []

        def fault(event: RecordedEvent, crashes: set[int] = crashes) -> None:
            if event.position in crashes:
                crashes.discard(event.position)
                raise SimulatedCrash(f"event {event.position}")

        bank = make_bank(projection_fault=fault, batch_size=batch_size)
        story(bank)
        with pytest.raises(SimulatedCrash):
            bank.project_available()
        batch_start = (index - 1) // batch_size * batch_size
        assert bank.movements.position <= batch_start  # the crashed batch rolled back
        bank.project_available()  # restart: resumes at the checkpoint
        applied.append(bank.movements.position)
        assert views(bank) == views(reference), f"crash at event {index}"
        assert (bank.accounts.position, bank.movements.position) == (8, 8)


def test_a_rebuild_answers_queries_from_the_old_table_until_the_swap(make_bank: Banks) -> None:
    bank = make_bank(inline=["account_list", "movements"])
    story(bank)
    before = bank.accounts.query(ListAccounts())
    rebuild = Rebuild(bank.store, bank.accounts, batch_size=2)
    assert rebuild.step(limit=3) == 3
    assert bank.accounts.query(ListAccounts()) == before  # the half-built table is not seen
    written = bank.bus.handle(Deposit("during", "acc-a", 11))  # writes go on meanwhile
    during = bank.accounts.query(GetAccount("acc-a"), min_position=written.position)
    assert isinstance(during, Answer)
    assert during.value.balance_cents == 5_611
    assert bank.accounts.generation == 1
    rebuild.step()
    bank.bus.handle(OpenAccount("late", "acc-c", "cyd"))  # after the replay, before the swap
    rebuild.swap()
    assert bank.accounts.generation == 2
    assert bank.accounts.position == bank.store.last_position() == 10
    rebuilt = bank.accounts.ask(ListAccounts())
    assert rebuilt == live_view(bank.store, InMemoryAccountList).ask(ListAccounts())
    bank.bus.handle(Deposit("after", "acc-c", 5))  # inline now writes the new generation
    assert bank.accounts.ask(GetAccount("acc-c")).balance_cents == 5


def test_a_swap_that_fails_leaves_the_old_generation_live(
    make_bank: Banks, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = make_bank(inline=["movements"])
    story(bank)
    bank.project_available()
    before = views(bank)
    rebuild = Rebuild(bank.store, bank.movements)
    rebuild.step(limit=4)

    def broken(*args: object) -> None:
        raise SimulatedCrash("swap")

    monkeypatch.setattr(bank.movements, "apply", broken)
    with pytest.raises(SimulatedCrash):
        rebuild.swap()
    monkeypatch.undo()
    assert (bank.movements.generation, views(bank)) == (1, before)
    rebuild.swap()  # a retry goes through
    assert (bank.movements.generation, views(bank)) == (2, before)


def test_a_rebuild_interrupted_by_a_crash_resumes_where_it_stopped(make_bank: Banks) -> None:
    bank = make_bank(inline=["account_list", "movements"])
    story(bank)
    before = views(bank)

    def fault(event: RecordedEvent) -> None:
        if event.position == 6:
            raise SimulatedCrash("rebuild")

    with pytest.raises(SimulatedCrash):
        Rebuild(bank.store, bank.movements, batch_size=2, fault=fault).run()
    resumed = Rebuild(bank.store, bank.movements, batch_size=2)
    assert resumed.position == 4  # batches [1-2] and [3-4] were committed
    resumed.run()
    assert views(bank) == before


def test_the_old_table_is_kept_until_dropped_after_the_swap(make_bank: Banks) -> None:
    bank = make_bank(inline=["account_list"])
    story(bank)
    rebuild = Rebuild(bank.store, bank.accounts)
    with pytest.raises(ReadModelError, match="drop_old before swap"):
        rebuild.drop_old()
    rebuild.run()
    with pytest.raises(ReadModelError, match="already been swapped"):
        rebuild.swap()
    rebuild.drop_old()
    assert bank.accounts.ask(GetAccount("acc-a")).balance_cents == 5_600


def test_waiting_for_a_position_answers_once_the_projection_reaches_it(make_bank: Banks) -> None:
    bank = make_bank()
    story(bank)
    written = bank.bus.handle(Deposit("mine", "acc-a", 1))
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds
        bank.projections["account_list"].project_available(limit=2)

    answer = wait_for_position(
        bank.accounts, GetAccount("acc-a"), written.position, 1.0, clock=lambda: now[0], sleep=sleep
    )
    assert isinstance(answer, Answer)
    assert answer.value.balance_cents == 5_601
    assert now[0] == pytest.approx(0.05)  # five polls of two events each


def test_waiting_for_a_position_gives_up_with_not_yet_after_the_timeout(make_bank: Banks) -> None:
    bank = make_bank()
    written = bank.bus.handle(OpenAccount("c-1", "acc", "ada"))
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    answer = wait_for_position(
        bank.accounts, GetAccount("acc"), written.position, 0.1, clock=lambda: now[0], sleep=sleep
    )
    assert answer == NotYet(1, 0)
    assert now[0] == pytest.approx(0.1)


@pytest.mark.parametrize(("timeout", "interval"), [(-1, 0.1), (1, 0), (float("nan"), 0.1)])
def test_waiting_refuses_a_bad_timeout_or_interval(
    make_bank: Banks, timeout: float, interval: float
) -> None:
    bank = make_bank()
    with pytest.raises(ReadModelError):
        wait_for_position(
            bank.accounts, GetAccount("a"), 0, timeout, clock=float, sleep=print, interval=interval
        )


def test_the_query_router_sends_each_query_to_the_model_that_answers_it(
    make_bank: Banks,
) -> None:
    bank = make_bank(inline=["account_list", "movements"])
    story(bank)
    queries = Queries([bank.accounts, bank.movements])
    assert queries.ask(GetAccount("acc-b")).value.status == "closed"  # type: ignore[union-attr]
    assert queries.ask(LargestMovements(1)).value[0].amount_cents == 5_000  # type: ignore[union-attr]
    assert queries.ask(GetAccount("acc-b"), min_position=9) == NotYet(9, 8)
    with pytest.raises(UnknownMessageError, match="no read model answers OpenAccount"):
        queries.ask(OpenAccount("x", "y", "z"))
    with pytest.raises(ReadModelError, match="GetAccount is answered by both"):
        Queries([bank.accounts, bank.accounts])


def test_two_rebuilds_at_once_apply_each_event_once_and_only_one_swaps(make_bank: Banks) -> None:
    bank = make_bank(inline=["movements"])
    story(bank)
    before = views(bank)
    first = Rebuild(bank.store, bank.movements, batch_size=3)
    second = Rebuild(bank.store, bank.movements, batch_size=2)
    first.step(limit=3)
    second.step()  # skips what the first applied (a double apply would hit the primary key)
    first.swap()
    with pytest.raises(ReadModelError, match="live generation changed during the rebuild"):
        second.swap()
    assert (bank.movements.generation, views(bank)) == (2, before)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_an_async_projection_refuses_a_bad_batch_size(make_bank: Banks, bad: object) -> None:
    bank = make_bank()
    with pytest.raises(ReadModelError, match="batch_size must be an int >= 1"):
        AsyncProjection(bank.store, bank.accounts, batch_size=bad)  # type: ignore[arg-type]


def test_a_bank_takes_one_inline_model_by_name_and_refuses_unknown_ones(make_bank: Banks) -> None:
    bank = make_bank(inline="movements")
    assert sorted(bank.projections) == ["account_list"]
    with pytest.raises(ReadModelError, match="inline must name read models among"):
        make_bank(inline=["balances"])


def test_a_reader_on_another_connection_sees_the_old_table_until_the_swap(
    tmp_path: Path,
) -> None:
    made = Banks("sqlite", tmp_path)
    bank = made(inline=["account_list"])
    story(bank)
    reader = SQLiteAccountList(SQLiteReadStore(bank.reads.path))  # type: ignore[attr-defined]
    before = reader.ask(ListAccounts())
    rebuild = Rebuild(bank.store, bank.accounts, batch_size=1)
    rebuild.step(limit=2)
    assert (reader.generation, reader.ask(ListAccounts())) == (1, before)
    rebuild.swap()
    assert (reader.generation, reader.position, reader.ask(ListAccounts())) == (2, 8, before)
    reader.store.close()  # type: ignore[attr-defined]
    made.close()
