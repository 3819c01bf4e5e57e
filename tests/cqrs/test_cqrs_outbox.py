"""CQRS without event sourcing: "commit, then publish" loses updates, the outbox loses none."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from week4.cqrs import CommandRejectedError, Deposit, OpenAccount, SimulatedCrash, Withdraw
from week4.cqrs.outbox import (
    DESIGNS,
    AccountChanged,
    BalanceConsumer,
    DualWriteService,
    InMemoryBroker,
    InMemoryStateStore,
    OutboxService,
    Relay,
    SQLiteStateStore,
    StateStore,
    count_lost_updates,
)
from week4.errors import ParameterError
from week4.event_sourcing.bank import Account, Deposited

Fault = Callable[[str], None]


def crash_once_at(point: str) -> Fault:
    armed = [True]

    def fault(at: str) -> None:
        if armed[0] and at == point:
            armed[0] = False
            raise SimulatedCrash(at)

    return fault


class StateStoreContract:
    """The state-stored write model's contract; subclasses say which backend."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[StateStore[Any]]:
        raise NotImplementedError

    def test_a_missing_account_loads_as_new(self, store: StateStore[Any]) -> None:
        with store.transaction() as tx:
            assert store.load(tx, "acc") == Account()

    def test_a_saved_row_replaces_the_previous_one(self, store: StateStore[Any]) -> None:
        with store.transaction() as tx:
            store.save(tx, "acc", Account("open", "ada", 5, "EUR"))
            store.save(tx, "acc", Account("open", "ada", 9, "EUR"))
        assert store.accounts() == {"acc": Account("open", "ada", 9, "EUR")}

    def test_the_outbox_gives_pending_rows_in_order_until_marked(
        self, store: StateStore[Any]
    ) -> None:
        with store.transaction() as tx:
            for text in ("m1", "m2", "m3"):
                store.add_to_outbox(tx, text)
        pending = store.unpublished(2)
        assert [m for _, m in pending] == ["m1", "m2"]
        store.mark_published(pending[0][0])
        assert [m for _, m in store.unpublished(10)] == ["m2", "m3"]

    def test_a_failed_transaction_writes_neither_row_nor_outbox_nor_command_id(
        self, store: StateStore[Any]
    ) -> None:
        def crash() -> None:
            with store.transaction() as tx:
                store.save(tx, "acc", Account("open", "ada", 5, "EUR"))
                store.add_to_outbox(tx, "m1")
                store.remember(tx, "c-1")
                raise SimulatedCrash("before-commit")

        with pytest.raises(SimulatedCrash):
            crash()
        assert (store.accounts(), store.unpublished(10), store.handled_commands()) == (
            {},
            [],
            set(),
        )


class TestInMemoryStateStore(StateStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[StateStore[Any]]:
        yield InMemoryStateStore()  # noqa: PT022 - the contract's fixture is a generator


class TestSQLiteStateStore(StateStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[StateStore[Any]]:
        store = SQLiteStateStore(tmp_path / "state.db")
        yield store
        store.close()


def test_a_message_survives_its_json_round_trip() -> None:
    message = AccountChanged("c-1", "acc", Deposited(500))
    assert AccountChanged.from_json(message.to_json()) == message


def test_commit_then_publish_loses_the_update_when_the_process_dies_in_between() -> None:
    store, broker, consumer = InMemoryStateStore(), InMemoryBroker(), BalanceConsumer()
    DualWriteService(store, broker).handle(OpenAccount("c-0", "acc", "ada"))
    service = DualWriteService(store, broker, crash_once_at("after-commit"))
    with pytest.raises(SimulatedCrash):
        service.handle(Deposit("c-1", "acc", 500))
    assert service.handle(Deposit("c-1", "acc", 500)) is False  # the retry is a repeat
    consumer.consume(broker)
    assert store.accounts()["acc"].balance_cents == 500
    assert consumer.states["acc"].balance_cents == 0  # the read side never heard of it


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_the_outbox_publishes_every_committed_change_whatever_the_crash(point: str) -> None:
    store, broker, consumer = InMemoryStateStore(), InMemoryBroker(), BalanceConsumer()
    OutboxService(store).handle(OpenAccount("c-0", "acc", "ada"))
    service = OutboxService(store, crash_once_at(point))
    with pytest.raises(SimulatedCrash):
        service.handle(Deposit("c-1", "acc", 500))
    assert service.handle(Deposit("c-1", "acc", 500)) is (point == "before-commit")
    Relay(store, broker).drain()
    consumer.consume(broker)
    assert consumer.states == store.accounts()
    assert consumer.states["acc"].balance_cents == 500


@pytest.mark.parametrize(("idempotent", "balance"), [(True, 500), (False, 1_000)])
def test_a_relay_crash_after_publishing_delivers_twice_and_only_dedup_saves_the_balance(
    idempotent: bool, balance: int
) -> None:
    store, broker = InMemoryStateStore(), InMemoryBroker()
    consumer = BalanceConsumer(idempotent=idempotent)
    service = OutboxService(store)
    service.handle(OpenAccount("c-0", "acc", "ada"))
    service.handle(Deposit("c-1", "acc", 500))
    Relay(store, broker).step(1)
    with pytest.raises(SimulatedCrash):
        Relay(store, broker, crash_once_at("after-publish")).step()
    Relay(store, broker).drain()
    consumer.consume(broker)
    assert consumer.redelivered == 1
    assert consumer.states["acc"].balance_cents == balance


@pytest.mark.parametrize("service", [DualWriteService, OutboxService])
def test_a_rejected_command_writes_no_row_and_no_message(service: type) -> None:
    store, broker = InMemoryStateStore(), InMemoryBroker()
    write = service(store, broker) if service is DualWriteService else service(store)
    write.handle(OpenAccount("c-0", "acc", "ada"))
    before = (store.accounts(), store.handled_commands(), list(broker.messages))
    with pytest.raises(CommandRejectedError, match="cannot withdraw 1 cents: balance is 0"):
        write.handle(Withdraw("c-1", "acc", 1))
    Relay(store, broker).drain()
    assert (store.accounts(), store.handled_commands()) == before[:2]
    assert len(broker.messages) <= 1


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_the_outbox_loses_no_update_over_200_seeded_crashes(seed: int, backend: Any) -> None:
    report = count_lost_updates("outbox", 200, seed=seed, backend=backend)
    assert report.crashes == 200
    assert (report.lost, report.applied_twice, report.consistent) == (0, 0, True)
    assert report.duplicated > 0  # at least once: the duplicates happen, the consumer absorbs them


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_commit_then_publish_loses_updates_over_200_seeded_crashes(seed: int) -> None:
    report = count_lost_updates("dual-write", 200, seed=seed)
    assert report.crashes == 200
    assert report.lost > 0
    assert not report.consistent
    assert report.duplicated == 0  # it publishes at most once: it loses, it never repeats


def test_a_consumer_without_dedup_applies_the_outbox_duplicates_twice() -> None:
    report = count_lost_updates("outbox", 200, idempotent=False)
    assert report.lost == 0
    assert report.applied_twice > 0
    assert not report.consistent


@pytest.mark.parametrize("design", DESIGNS)
def test_the_count_is_deterministic_and_equal_on_both_backends(design: Any) -> None:
    memory = count_lost_updates(design, 50, seed=7)
    assert memory == count_lost_updates(design, 50, seed=7)
    assert memory == count_lost_updates(design, 50, seed=7, backend="sqlite")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"design": "two-phase"}, "design must be one of dual-write, outbox"),
        ({"crashes": -1}, "crashes must be an int from 0 to 100000"),
        ({"crashes": 2.5}, "crashes must be an int"),
        ({"crash_probability": 0.0}, "crash_probability must be from 0.01 to 0.9"),
        ({"crash_probability": float("nan")}, "crash_probability must be from 0.01 to 0.9"),
        ({"accounts": 0}, "accounts must be an int from 1 to 1000"),
    ],
)
def test_bad_crash_count_parameters_are_refused_in_one_line(
    kwargs: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {"design": "outbox", **kwargs}
    with pytest.raises(ParameterError, match=message):
        count_lost_updates(**arguments)
