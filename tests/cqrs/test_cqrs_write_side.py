"""The write side: the bus dispatches, the invariants hold, a command id counts once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cqrs_banks import BACKENDS, Banks, banks, story

from week4.cqrs import (
    FAULT_POINTS,
    CloseAccount,
    CommandRejectedError,
    CommandResult,
    Deposit,
    DuplicateHandlerError,
    GetAccount,
    LargestMovements,
    MessageBus,
    OpenAccount,
    SimulatedCrash,
    UnknownMessageError,
    Withdraw,
)
from week4.cqrs.app import BankApp
from week4.errors import Week4Error
from week4.event_sourcing.bank import AccountOpened, Deposited


@pytest.fixture(params=BACKENDS)
def make_bank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Banks]:
    yield from banks(request.param, tmp_path)


@pytest.fixture
def bank(make_bank: Banks) -> BankApp:
    return make_bank(inline=["account_list", "movements"])


@dataclass(frozen=True)
class Ping:
    name: str


@dataclass(frozen=True)
class Pinged:
    name: str


def test_a_command_goes_to_its_one_handler_and_returns_its_result() -> None:
    bus = MessageBus(commands={Ping: lambda c: f"pong {c.name}"})
    assert bus.handle(Ping("x")) == "pong x"


def test_an_event_goes_to_every_subscriber_even_after_one_fails() -> None:
    seen: list[str] = []

    def broken(event: Pinged) -> None:
        raise RuntimeError("subscriber down")

    bus = MessageBus(events={Pinged: [lambda e: seen.append("a"), broken, seen.append]})
    assert bus.handle(Pinged("x")) is None
    assert seen == ["a", Pinged("x")]
    assert [(event, str(error)) for event, error in bus.failures] == [
        (Pinged("x"), "subscriber down")
    ]


def test_events_collected_after_a_command_reach_their_subscribers() -> None:
    pending: list[object] = []
    seen: list[object] = []

    def handle(command: Ping) -> str:
        pending.append(Pinged(command.name))
        return "ok"

    def collect() -> list[object]:
        out = list(pending)
        pending.clear()
        return out

    bus = MessageBus({Ping: handle}, {Pinged: [seen.append]}, collect)
    assert bus.handle(Ping("x")) == "ok"
    assert seen == [Pinged("x")]


@pytest.mark.parametrize("message", [Ping("x"), "deposit 5", 42, None])
def test_an_unknown_message_is_refused_with_a_clear_error(message: object) -> None:
    bus = MessageBus(events={Pinged: []})
    with pytest.raises(UnknownMessageError, match=f"no handler for {type(message).__name__}"):
        bus.handle(message)
    assert issubclass(UnknownMessageError, Week4Error)


def test_a_command_cannot_have_two_handlers_nor_be_an_event() -> None:
    bus = MessageBus(commands={Ping: str})
    with pytest.raises(DuplicateHandlerError, match="already has a handler"):
        bus.register_command(Ping, repr)
    with pytest.raises(DuplicateHandlerError, match="registered as a command"):
        bus.subscribe(Ping, print)


def test_the_bank_bus_publishes_the_written_events_to_subscribers(bank: BankApp) -> None:
    seen: list[object] = []
    bank.bus.subscribe(AccountOpened, seen.append)
    bank.bus.subscribe(Deposited, seen.append)
    bank.bus.handle(OpenAccount("c-1", "acc", "ada"))
    bank.bus.handle(Deposit("c-2", "acc", 300))
    assert seen == [AccountOpened("ada"), Deposited(300)]


def test_a_command_result_names_the_stream_version_and_global_position(bank: BankApp) -> None:
    results = story(bank)
    recorded = list(bank.store.read_all())
    assert len(results) == len(recorded)
    for result, event in zip(results, recorded, strict=True):
        assert result == CommandResult(event.stream, event.version, event.position)
    assert results[-1] == CommandResult("acc-a", 4, 8)


def test_a_client_reads_its_own_write_at_the_returned_position(bank: BankApp) -> None:
    story(bank)
    written = bank.bus.handle(Deposit("mine", "acc-a", 77))
    answer = bank.accounts.query(GetAccount("acc-a"), min_position=written.position)
    assert answer.position >= written.position  # type: ignore[union-attr]
    assert answer.value.balance_cents == 1_000 - 400 + 5_000 + 77  # type: ignore[union-attr]


REJECTIONS = [
    (Withdraw("bad", "acc-a", 5_601), "cannot withdraw 5601 cents: balance is 5600"),
    (CloseAccount("bad", "acc-a"), "cannot close: balance is 5600 cents, not 0"),
    (Deposit("bad", "acc-b", 10), "account must be open, it is closed"),
    (Deposit("bad", "nobody", 10), "account must be open, it is new"),
    (OpenAccount("bad", "acc-a", "eve"), "account is already open"),
    (Deposit("bad", "acc-a", 0), "amount must be a positive number of cents, got 0"),
    (Withdraw("bad", "acc-a", -5), "amount must be a positive number of cents, got -5"),
    (OpenAccount("bad", "acc-c", "  "), "owner must not be blank"),
    (Deposit("", "acc-a", 10), "command_id must be a non-empty string"),
    (Deposit("bad", " ", 10), "account must be a non-empty string"),
    (Deposit("s-3", "acc-a", 999), "this command id was used for another command"),
    (Deposit("bad", "acc-a", 10**16), f"amount_cents must be at most {10**15}, got {10**16}"),
    (Deposit("bad", "acc-a", 2.5), "amount_cents must be an int, got 2.5"),  # type: ignore[arg-type]
    (Deposit("bad", "acc-a", True), "amount_cents must be an int, got True"),
    (OpenAccount("bad", "acc-c", 5), "owner must be a string, got 5"),  # type: ignore[arg-type]
    (CloseAccount("bad", "acc-b", None), "reason must be a string, got None"),  # type: ignore[arg-type]
    (Deposit(None, "acc-a", 1), "command_id must be a non-empty string"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("command", "reason"), REJECTIONS)
def test_a_rejected_command_carries_its_reason_and_leaves_nothing_behind(
    bank: BankApp, command: object, reason: str
) -> None:
    story(bank)
    before = snapshot(bank)
    with pytest.raises(CommandRejectedError) as caught:
        bank.bus.handle(command)
    assert caught.value.reason == reason
    assert snapshot(bank) == before
    assert bank.uow.collect_new_events() == []


def test_a_rejected_command_id_may_be_sent_again_once_corrected(bank: BankApp) -> None:
    bank.bus.handle(OpenAccount("c-1", "acc", "ada"))
    with pytest.raises(CommandRejectedError):
        bank.bus.handle(Withdraw("c-2", "acc", 10))
    bank.bus.handle(Deposit("c-3", "acc", 10))
    assert bank.bus.handle(Withdraw("c-2", "acc", 10)) == CommandResult("acc", 3, 3)


def test_the_same_command_id_twice_changes_nothing_and_returns_the_first_result(
    bank: BankApp,
) -> None:
    bank.bus.handle(OpenAccount("c-1", "acc", "ada"))
    first = bank.bus.handle(Deposit("c-2", "acc", 500))
    before = snapshot(bank)
    seen: list[object] = []
    bank.bus.subscribe(Deposited, seen.append)
    for _ in range(3):
        assert bank.bus.handle(Deposit("c-2", "acc", 500)) == first
    assert snapshot(bank) == before
    assert seen == []


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_a_crash_at_any_step_of_a_command_leaves_nothing_behind(
    make_bank: Banks, point: str
) -> None:
    armed = {"on": False}

    def fault(at: str) -> None:
        if armed["on"] and at == point:
            raise SimulatedCrash(at)

    bank = make_bank(inline=["account_list", "movements"], fault=fault)
    story(bank)
    before = snapshot(bank)
    armed["on"] = True
    with pytest.raises(SimulatedCrash):
        bank.bus.handle(Deposit("c-crash", "acc-a", 123))
    assert snapshot(bank) == before
    armed["on"] = False
    result = bank.bus.handle(Deposit("c-crash", "acc-a", 123))  # the retry goes through once
    assert result == CommandResult("acc-a", 5, 9)
    assert bank.accounts.ask(GetAccount("acc-a")).balance_cents == 5_600 + 123


def snapshot(bank: BankApp) -> tuple[object, ...]:
    """Everything a command could leave behind: events, both read models, positions."""
    return (
        list(bank.store.read_all()),
        bank.accounts.ask(GetAccount("acc-a")),
        bank.accounts.ask(GetAccount("acc-b")),
        bank.movements.ask(LargestMovements(100)),
        bank.accounts.position,
        bank.movements.position,
    )
