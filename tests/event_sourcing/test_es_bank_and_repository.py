"""The bank domain (decider), the mapper, upcasting and the repository."""

from __future__ import annotations

import dataclasses

import pytest

from week4.errors import Week4Error
from week4.event_sourcing import ConcurrencyError, DomainError, InMemoryEventStore, NewEvent
from week4.event_sourcing.aggregates.mapper import EventMapper
from week4.event_sourcing.aggregates.upcasting import Upcaster, UpcasterChain
from week4.event_sourcing.bank.accounts import account_repository, bank_mapper
from week4.event_sourcing.bank.domain import (
    ACCOUNT,
    Account,
    AccountClosed,
    AccountOpened,
    CloseAccount,
    Deposit,
    Deposited,
    OpenAccount,
    Withdraw,
    Withdrawn,
    decide,
)
from week4.event_sourcing.store.errors import InvalidEventError

OPEN = ACCOUNT.fold([AccountOpened("ada"), Deposited(500)])


def test_opening_depositing_and_withdrawing_produce_past_tense_events() -> None:
    assert decide(OpenAccount("ada"), Account()) == [AccountOpened("ada", "EUR")]
    assert decide(Deposit(200), OPEN) == [Deposited(200, "EUR")]
    assert decide(Withdraw(500), OPEN) == [Withdrawn(500, "EUR")]


def test_the_state_is_a_fold_over_the_events() -> None:
    state = ACCOUNT.fold([AccountOpened("ada"), Deposited(500), Withdrawn(200), Deposited(5)])
    assert state == Account("open", "ada", 305, "EUR")
    assert ACCOUNT.fold([Withdrawn(305), AccountClosed("moving")], state).status == "closed"


@pytest.mark.parametrize(
    ("command", "state", "message"),
    [
        (Withdraw(501), OPEN, "cannot withdraw 501 cents: balance is 500"),
        (Deposit(5), Account(), "account must be open, it is new"),
        (Deposit(0), OPEN, "amount must be a positive number of cents"),
        (Deposit(True), OPEN, "amount must be a positive number of cents"),  # type: ignore[arg-type]
        (OpenAccount("bob"), OPEN, "account is already open"),
        (OpenAccount(" "), Account(), "owner must not be blank"),
        (CloseAccount(), OPEN, "cannot close: balance is 500 cents"),
        (Deposit(5), Account("closed", "ada"), "account must be open, it is closed"),
    ],
)
def test_commands_that_break_a_rule_are_refused(
    command: object, state: Account, message: str
) -> None:
    with pytest.raises(DomainError, match=message) as caught:
        decide(command, state)  # type: ignore[arg-type]
    assert isinstance(caught.value, Week4Error)


def test_the_mapper_stores_type_name_json_data_and_schema_version() -> None:
    mapper = bank_mapper()
    new = mapper.to_new_event(Deposited(250), {"actor": "ada"})
    assert new == NewEvent(
        "Deposited", {"amount_cents": 250, "currency": "EUR"}, {"schema_version": 2, "actor": "ada"}
    )
    assert mapper.to_new_event(Withdrawn(1)).metadata == {"schema_version": 1}


def test_the_mapper_round_trips_every_bank_event_through_a_store() -> None:
    store = InMemoryEventStore()
    mapper = bank_mapper()
    events = [AccountOpened("ada"), Deposited(5), Withdrawn(5), AccountClosed("bye")]
    store.append("a", [mapper.to_new_event(e) for e in events])
    assert [mapper.to_domain(r) for r in store.read_stream("a")] == events


def test_the_mapper_refuses_unknown_types_both_ways() -> None:
    mapper = EventMapper([Deposited])
    with pytest.raises(InvalidEventError, match="Withdrawn is not a registered event type"):
        mapper.to_new_event(Withdrawn(1))
    store = InMemoryEventStore()
    store.append("a", [NewEvent("Teleported", {})])
    with pytest.raises(InvalidEventError, match="no event type registered under 'Teleported'"):
        mapper.to_domain(next(store.read_stream("a")))
    store.append("b", [NewEvent("Deposited", {"amount_cents": 1, "colour": "red"})])
    with pytest.raises(InvalidEventError, match="does not fit Deposited"):
        mapper.to_domain(next(store.read_stream("b")))


def test_a_v1_deposit_is_read_as_v2_without_rewriting_the_log() -> None:
    store = InMemoryEventStore()
    mapper = bank_mapper()
    store.append("a", [mapper.to_new_event(AccountOpened("ada"))])
    store.append("a", [NewEvent("Deposited", {"amount": 5}, {"schema_version": 1})])
    store.append("a", [NewEvent("Deposited", {"amount": 2.5})])  # no version: v1
    repo = account_repository(store)
    assert repo.load("a").state.balance_cents == 750
    assert [e.data for e in store.read_stream("a", from_version=2)] == [
        {"amount": 5},
        {"amount": 2.5},
    ]


def test_upcasters_chain_from_any_old_version_to_the_latest() -> None:
    chain = UpcasterChain(
        [
            Upcaster("Moved", 2, lambda d: {**d, "unit": "m"}),
            Upcaster("Moved", 1, lambda d: {"distance": d["km"] * 1000}),
        ]
    )
    assert chain.latest("Moved") == 3
    assert chain.upcast("Moved", 1, {"km": 2}) == {"distance": 2000, "unit": "m"}
    assert chain.upcast("Moved", 2, {"distance": 5}) == {"distance": 5, "unit": "m"}
    assert chain.upcast("Moved", 3, {"distance": 5, "unit": "m"}) == {"distance": 5, "unit": "m"}
    with pytest.raises(InvalidEventError, match="Moved schema v4 is unknown here"):
        chain.upcast("Moved", 4, {})


@pytest.mark.parametrize(
    "upcasters",
    [
        [Upcaster("X", 2, dict)],
        [Upcaster("X", 1, dict), Upcaster("X", 1, dict)],
        [Upcaster("X", 0, dict)],
    ],
)
def test_a_chain_with_a_gap_or_duplicate_is_refused(upcasters: list[Upcaster]) -> None:
    with pytest.raises(InvalidEventError):
        UpcasterChain(upcasters)


def test_the_repository_executes_commands_with_optimistic_concurrency() -> None:
    store = InMemoryEventStore()
    repo = account_repository(store)
    repo.execute("a", OpenAccount("ada"))
    repo.execute("a", Deposit(500))
    loaded = repo.load("a")
    assert (loaded.state.balance_cents, loaded.version, loaded.events_read) == (500, 2, 2)
    stale = loaded
    repo.execute("a", Withdraw(100))  # someone else writes after our load
    with pytest.raises(ConcurrencyError):
        repo.save("a", [Withdrawn(500)], stale.version)  # decided on an old state
    assert repo.load("a").state.balance_cents == 400


def test_a_refused_command_writes_nothing() -> None:
    store = InMemoryEventStore()
    repo = account_repository(store)
    repo.execute("a", OpenAccount("ada"))
    with pytest.raises(DomainError):
        repo.execute("a", Withdraw(1))
    assert store.stream_version("a") == 1


def test_events_rebuilt_on_the_fast_path_are_equal_frozen_and_hashable() -> None:
    store, mapper = InMemoryEventStore(), bank_mapper()
    store.append("a", [mapper.to_new_event(Deposited(5))])
    event = mapper.to_domain(next(store.read_stream("a")))
    assert event == Deposited(5)
    assert hash(event) == hash(Deposited(5))
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.amount_cents = 6
