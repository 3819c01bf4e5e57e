"""Counting lost and duplicated read-model updates over many seeded crashes.

A client sends bank commands to a state-stored write side; at every step where a process
could die, a seeded coin decides whether it does (:class:`~week4.cqrs.errors.SimulatedCrash`).
After a crash the process restarts with only what it committed, and the client sends the
same command again (same id: the write side answers a repeat without redoing it). The run
stops after ``crashes`` crashes; then the relay drains the outbox and the consumer reads
everything, and the read model is compared with the write model:

* **lost**: changes committed to the ``accounts`` table that the read side never applied;
* **duplicated**: messages delivered again after being applied (at-least-once delivery);
* **applied twice**: duplicates the consumer applied anyway (0 when it is idempotent).

Everything is deterministic: same arguments, same report.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from week4.cqrs.errors import CommandRejectedError, SimulatedCrash
from week4.cqrs.faults import RandomCrashes
from week4.cqrs.outbox.broker import BalanceConsumer, InMemoryBroker
from week4.cqrs.outbox.services import DualWriteService, OutboxService, Relay
from week4.cqrs.outbox.sqlite_state import SQLiteStateStore
from week4.cqrs.outbox.state_store import InMemoryStateStore, StateStore
from week4.cqrs.write.messages import AccountCommand, Deposit, OpenAccount, Withdraw
from week4.errors import ParameterError

Design = Literal["dual-write", "outbox"]
DESIGNS: tuple[Design, ...] = ("dual-write", "outbox")
MAX_CRASHES = 100_000


@dataclass(frozen=True)
class DeliveryReport:
    """What reached the read side, for one design over one seeded run."""

    design: str
    commands: int
    committed: int
    crashes: int
    lost: int
    duplicated: int
    applied_twice: int
    consistent: bool


def _check(design: object, crashes: object, probability: object, accounts: object) -> None:
    if design not in DESIGNS:
        raise ParameterError(f"design must be one of {', '.join(DESIGNS)}, got {design!r}")
    if isinstance(crashes, bool) or not isinstance(crashes, int) or not 0 <= crashes <= MAX_CRASHES:
        raise ParameterError(f"crashes must be an int from 0 to {MAX_CRASHES}, got {crashes!r}")
    if (
        isinstance(probability, bool)
        or not isinstance(probability, int | float)
        or not 0.01 <= probability <= 0.9
    ):
        raise ParameterError(f"crash_probability must be from 0.01 to 0.9, got {probability!r}")
    if isinstance(accounts, bool) or not isinstance(accounts, int) or not 1 <= accounts <= 1000:
        raise ParameterError(f"accounts must be an int from 1 to 1000, got {accounts!r}")


def count_lost_updates(
    design: Design,
    crashes: int = 200,
    *,
    seed: int = 1,
    crash_probability: float = 0.2,
    accounts: int = 5,
    idempotent: bool = True,
    backend: Literal["memory", "sqlite"] = "memory",
) -> DeliveryReport:
    """Run the bank on ``design`` until ``crashes`` crashes, then count what the read side lost.

    Args:
        design: ``"dual-write"`` (commit, then publish) or ``"outbox"``.
        crashes: How many crashes to inflict (0 to 100,000).
        seed: Seeds the commands and the crashes.
        crash_probability: The chance of dying at each crash point (0.01 to 0.9).
        accounts: How many accounts the client works on.
        idempotent: Whether the consumer deduplicates by message id.
        backend: Where the write side keeps its rows: in memory or in an SQLite file in
            memory (``":memory:"``).

    Examples:
        >>> count_lost_updates("outbox", 20).lost
        0
    """
    _check(design, crashes, crash_probability, accounts)
    rng = random.Random(seed)
    store: StateStore[Any] = (
        InMemoryStateStore() if backend == "memory" else SQLiteStateStore(":memory:")
    )
    broker, consumer = InMemoryBroker(), BalanceConsumer(idempotent=idempotent)
    fault = RandomCrashes(rng, crash_probability, limit=crashes)
    dual = DualWriteService(store, broker, fault)
    outbox, relay = OutboxService(store, fault), Relay(store, broker, fault)
    handle: Callable[[AccountCommand], bool] = (
        dual.handle if design == "dual-write" else outbox.handle
    )
    sent = 0
    while fault.count < crashes or sent < accounts:
        command = _next_command(rng, sent, accounts)
        sent += 1
        _until_done(partial(handle, command))
        if design == "outbox":
            _until_done(lambda: relay.step(rng.randint(1, 3)))
        consumer.consume(broker)
    relay.drain()
    consumer.consume(broker)
    committed = store.handled_commands()
    report = DeliveryReport(
        design=design,
        commands=sent,
        committed=len(committed),
        crashes=fault.count,
        lost=len(committed - consumer.applied.keys()),
        duplicated=consumer.redelivered,
        applied_twice=sum(1 for n in consumer.applied.values() if n > 1),
        consistent=consumer.states == store.accounts(),
    )
    close = getattr(store, "close", None)
    if close is not None:
        close()
    return report


def _next_command(rng: random.Random, sent: int, accounts: int) -> AccountCommand:
    if sent < accounts:
        return OpenAccount(f"cmd-{sent}", f"acc-{sent}", f"owner-{sent}")
    account = f"acc-{rng.randrange(accounts)}"
    amount = rng.randint(1, 100) * 100
    if rng.random() < 0.7:
        return Deposit(f"cmd-{sent}", account, amount)
    return Withdraw(f"cmd-{sent}", account, amount)


def _until_done(step: Callable[[], object]) -> None:
    """Run ``step``; after each crash "restart" and run it again (a client's retry)."""
    while True:
        try:
            step()
        except SimulatedCrash:
            continue
        except CommandRejectedError:
            return
        return
