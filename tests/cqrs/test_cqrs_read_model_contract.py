"""The read models' contract, run on both backends (one suite, subclassed per backend, like
eventsourcing's ``AggregateRecorderTestCase``): rows, queries, positions, transactions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cqrs_banks import Banks, story

from week4.cqrs import (
    AccountRow,
    Answer,
    GetAccount,
    GetStatement,
    LargestMovements,
    ListAccounts,
    Movement,
    NotYet,
    ReadModelError,
    TotalBalance,
)
from week4.cqrs.app import BankApp
from week4.cqrs.read.projections import guarded
from week4.cqrs.read.stores import checkpoint_name


class ReadModelContract:
    """Every backend must pass these; subclasses say which backend."""

    backend = ""

    @pytest.fixture
    def make_bank(self, tmp_path: Path) -> Iterator[Banks]:
        made = Banks(self.backend, tmp_path)
        yield made
        made.close()

    @pytest.fixture
    def bank(self, make_bank: Banks) -> BankApp:
        bank = make_bank()
        story(bank)
        bank.project_available()
        return bank

    def test_the_account_list_has_one_row_per_account_with_its_balance(self, bank: BankApp) -> None:
        assert bank.accounts.ask(ListAccounts()) == [
            AccountRow("acc-a", "ada", "open", 5_600, 4),
            AccountRow("acc-b", "bob", "closed", 0, 4),
        ]
        row = AccountRow("acc-a", "ada", "open", 5_600, 4)
        assert bank.accounts.ask(GetAccount("acc-a")) == row
        assert bank.accounts.ask(GetAccount("nobody")) is None

    def test_the_account_list_filters_by_status_and_sums_balances(self, bank: BankApp) -> None:
        assert [r.account for r in bank.accounts.ask(ListAccounts("closed"))] == ["acc-b"]
        assert bank.accounts.ask(ListAccounts("frozen")) == []
        assert bank.accounts.ask(TotalBalance()) == 5_600

    def test_the_movements_board_ranks_the_largest_first(self, bank: BankApp) -> None:
        assert bank.movements.ask(LargestMovements(3)) == [
            Movement(8, "acc-a", "deposit", 5_000),
            Movement(3, "acc-a", "deposit", 1_000),
            Movement(5, "acc-a", "withdrawal", 400),
        ]

    def test_equal_movements_rank_oldest_first(self, bank: BankApp) -> None:
        top = bank.movements.ask(LargestMovements(100))
        assert [m.position for m in top if m.amount_cents == 250] == [4, 6]
        assert len(top) == 5

    def test_a_statement_lists_an_accounts_movements_in_order(self, bank: BankApp) -> None:
        assert bank.movements.ask(GetStatement("acc-b")) == [
            Movement(4, "acc-b", "deposit", 250),
            Movement(6, "acc-b", "withdrawal", 250),
        ]
        assert bank.movements.ask(GetStatement("nobody")) == []

    def test_each_read_model_records_the_position_it_applied(self, make_bank: Banks) -> None:
        bank = make_bank()
        story(bank)
        assert (bank.accounts.position, bank.movements.position) == (0, 0)
        bank.projections["account_list"].project_available(limit=5)
        assert (bank.accounts.position, bank.movements.position) == (5, 0)
        bank.project_available()
        assert (bank.accounts.position, bank.movements.position) == (8, 8)

    def test_a_query_below_the_wanted_position_answers_not_yet(self, make_bank: Banks) -> None:
        bank = make_bank()
        story(bank)
        bank.projections["account_list"].project_available(limit=2)
        assert bank.accounts.query(GetAccount("acc-a"), min_position=3) == NotYet(3, 2)
        answer = bank.accounts.query(GetAccount("acc-a"), min_position=2)
        assert answer == Answer(AccountRow("acc-a", "ada", "open", 0, 1), 2)

    @pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
    def test_a_bad_min_position_is_refused(self, bank: BankApp, bad: object) -> None:
        with pytest.raises(ReadModelError, match="min_position must be an int >= 0"):
            bank.accounts.query(GetAccount("acc-a"), min_position=bad)  # type: ignore[arg-type]

    def test_a_query_of_another_model_is_refused(self, bank: BankApp) -> None:
        with pytest.raises(ReadModelError, match="account_list answers no LargestMovements"):
            bank.accounts.query(LargestMovements(3))

    @pytest.mark.parametrize("bad", [0, -3, 10_001, 2.5, True])
    def test_a_bad_limit_is_refused(self, bad: object) -> None:
        with pytest.raises(ReadModelError, match="limit must be"):
            LargestMovements(bad)  # type: ignore[arg-type]

    def test_a_failed_transaction_leaves_rows_and_checkpoint_unchanged(self, bank: BankApp) -> None:
        before = (bank.accounts.ask(ListAccounts()), bank.accounts.position)
        name = checkpoint_name("account_list", 1)
        events = list(bank.store.read_all())

        def crash() -> None:
            with bank.reads.transaction() as tx:
                bank.accounts.apply(tx, 1, events[2])
                bank.reads.save(tx, name, 99)
                raise RuntimeError("crash")

        with pytest.raises(RuntimeError):
            crash()
        assert (bank.accounts.ask(ListAccounts()), bank.accounts.position) == before

    def test_a_checkpoint_never_moves_back(self, bank: BankApp) -> None:
        with bank.reads.transaction() as tx:  # a stale runner's save
            bank.reads.save(tx, checkpoint_name("account_list", 1), 3)
        assert bank.accounts.position == 8

    def test_an_event_at_or_before_the_checkpoint_is_skipped(self, bank: BankApp) -> None:
        before = bank.accounts.ask(ListAccounts())
        handle = guarded(bank.accounts, 1, checkpoint_name("account_list", 1))
        with bank.reads.transaction() as tx:
            for event in bank.store.read_all():
                handle(event, tx)
        assert bank.accounts.ask(ListAccounts()) == before

    def test_a_read_model_name_must_be_a_plain_identifier(self, bank: BankApp) -> None:
        with pytest.raises(ReadModelError, match="read model name must match"):
            type(bank.accounts)(bank.reads, "x; DROP TABLE events")

    def test_a_second_model_of_another_name_lives_beside_the_first(self, bank: BankApp) -> None:
        other = type(bank.accounts)(bank.reads, "account_list_copy")
        assert other.ask(ListAccounts()) == []
        assert other.position == 0


class TestInMemoryReadModels(ReadModelContract):
    backend = "memory"


class TestSQLiteReadModels(ReadModelContract):
    backend = "sqlite"
