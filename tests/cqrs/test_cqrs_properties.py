"""Properties over any sequence of commands: a rebuilt projection equals the one maintained
event by event, an async projection that crashes and resumes equals one that never
crashed, and the three modes agree; over any crash schedule the outbox loses nothing."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from week4.cqrs import (
    CloseAccount,
    CommandRejectedError,
    CrashOnceAt,
    Deposit,
    GetStatement,
    InMemoryAccountList,
    InMemoryMovements,
    LargestMovements,
    ListAccounts,
    OpenAccount,
    Rebuild,
    SimulatedCrash,
    Withdraw,
)
from week4.cqrs.app import BankApp, in_memory_bank, sqlite_bank
from week4.cqrs.outbox import count_lost_updates
from week4.cqrs.read.projections import live_view
from week4.event_sourcing import RecordedEvent

ACCOUNTS = ("acc-a", "acc-b", "acc-c")

step = st.tuples(
    st.sampled_from(["open", "deposit", "deposit", "withdraw", "close"]),
    st.sampled_from(ACCOUNTS),
    st.integers(min_value=1, max_value=500),
    st.integers(min_value=0, max_value=6),  # 0: reuse an earlier command id
)
steps = st.lists(step, max_size=40)


def commands(plan: list[tuple[str, str, int, int]]) -> list[object]:
    made: list[object] = []
    for i, (kind, account, amount, fresh) in enumerate(plan):
        command_id = f"c-{i}" if fresh or not made else made[amount % len(made)].command_id  # type: ignore[attr-defined]
        if kind == "open":
            made.append(OpenAccount(command_id, account, f"owner-{account}"))
        elif kind == "deposit":
            made.append(Deposit(command_id, account, amount))
        elif kind == "withdraw":
            made.append(Withdraw(command_id, account, amount))
        else:
            made.append(CloseAccount(command_id, account))
    return made


def send(bank: BankApp, sequence: list[object]) -> None:
    for command in sequence:
        with contextlib.suppress(CommandRejectedError):
            bank.bus.handle(command)


def views(bank: BankApp) -> tuple[object, ...]:
    return (
        bank.accounts.ask(ListAccounts()),
        bank.movements.ask(LargestMovements(10_000)),
        [bank.movements.ask(GetStatement(a)) for a in ACCOUNTS],
    )


@settings(max_examples=100)
@given(plan=steps, batch=st.integers(1, 5), crash_at=st.sets(st.integers(1, 45), max_size=4))
def test_a_rebuilt_projection_equals_the_one_maintained_event_by_event(
    plan: list[Any], batch: int, crash_at: set[int]
) -> None:
    bank = in_memory_bank(inline=["account_list", "movements"])
    send(bank, commands(plan))
    maintained = views(bank)
    for model in (bank.accounts, bank.movements):
        fault = CrashOnceAt(crash_at)
        while True:  # a rebuild that crashes is started again, and resumes
            try:
                Rebuild(bank.store, model, batch_size=batch, fault=fault).run()
                break
            except SimulatedCrash:
                assert model.generation == 1  # never swapped half-built
    assert (bank.accounts.generation, bank.movements.generation) == (2, 2)
    assert views(bank) == maintained


@settings(max_examples=100)
@given(
    plan=steps,
    crash_at=st.sets(st.integers(1, 45), max_size=5),
    batch=st.integers(1, 5),
    limits=st.lists(st.integers(1, 7), min_size=1, max_size=6),
)
def test_an_async_projection_that_crashes_and_resumes_equals_one_that_never_crashed(
    plan: list[Any], crash_at: set[int], batch: int, limits: list[int]
) -> None:
    sequence = commands(plan)
    steady = in_memory_bank(inline=["account_list", "movements"])
    send(steady, sequence)
    pending = set(crash_at)

    def fault(event: RecordedEvent) -> None:
        if event.position in pending:
            pending.discard(event.position)
            raise SimulatedCrash(f"event {event.position}")

    crashing = in_memory_bank(projection_fault=fault, batch_size=batch)
    for i, command in enumerate(sequence):  # the daemon runs between commands, in bursts
        send(crashing, [command])
        with contextlib.suppress(SimulatedCrash):
            crashing.project_available(limits[i % len(limits)])
    while True:
        try:
            crashing.project_available()
            break
        except SimulatedCrash:
            continue
    assert views(crashing) == views(steady)
    assert crashing.accounts.position == crashing.store.last_position()
    live = live_view(steady.store, InMemoryAccountList).ask(ListAccounts())
    assert live == steady.accounts.ask(ListAccounts())
    assert (
        live_view(steady.store, InMemoryMovements).ask(LargestMovements(10_000)) == views(steady)[1]
    )


@settings(max_examples=20)
@given(plan=steps)
def test_sqlite_and_memory_banks_agree_on_every_answer(plan: list[Any]) -> None:
    sequence = commands(plan)
    memory = in_memory_bank(inline=["account_list"])
    send(memory, sequence)
    memory.project_available()
    with tempfile.TemporaryDirectory() as folder:
        disk = sqlite_bank(Path(folder) / "bank.db", inline=["movements"], synchronous="NORMAL")
        try:
            send(disk, sequence)
            disk.project_available()
            assert views(disk) == views(memory)
            assert list(disk.store.read_all()) == list(memory.store.read_all())
        finally:
            disk.close()


@settings(max_examples=60)
@given(
    seed=st.integers(0, 10_000),
    crashes=st.integers(0, 80),
    probability=st.floats(0.01, 0.9),
    accounts=st.integers(1, 6),
)
def test_for_any_crash_schedule_the_outbox_loses_nothing_and_the_dual_write_never_repeats(
    seed: int, crashes: int, probability: float, accounts: int
) -> None:
    outbox = count_lost_updates(
        "outbox", crashes, seed=seed, crash_probability=probability, accounts=accounts
    )
    assert (outbox.crashes, outbox.lost, outbox.applied_twice) == (crashes, 0, 0)
    assert outbox.consistent
    dual = count_lost_updates(
        "dual-write", crashes, seed=seed, crash_probability=probability, accounts=accounts
    )
    assert dual.crashes == crashes
    assert dual.duplicated == 0
    assert dual.lost <= crashes  # at most one loss per crash, and only by a crash
    if dual.lost == 0:  # (two losses may cancel out, so no converse)
        assert dual.consistent
