"""Small, seeded account histories for the chapter's scenarios: a day at the bank.

A day is a list of commands drawn from a seeded stream (deposits and withdrawals by a few
people), run through the repository like any application would: refused commands leave no
event. The clock is injected, so the times on the page are virtual: minutes since
midnight, from 09:00 on.

Examples:
    >>> day = bank_day(seed=1, commands=3)
    >>> day.store.stream_version(STREAM), day.refused
    (4, 0)
    >>> clock_text(9 * 60 + 5)
    '09:05'
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from week4.event_sourcing.bank.accounts import AccountRepository, account_repository
from week4.event_sourcing.bank.domain import AccountCommand, Deposit, OpenAccount, Withdraw
from week4.event_sourcing.store.errors import DomainError
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.records import Clock

STREAM = "account-1"
OPENING = 9 * 60
"""The bank opens at 09:00: the first event's time, in minutes since midnight."""


def euros(cents: int) -> float:
    """Cents as euros, for tables (``1250`` -> ``12.5``)."""
    return cents / 100


def euros_moved(data: object) -> float | None:
    """The euros an event's data moves, None for an event that moves no money."""
    if isinstance(data, dict) and isinstance(data.get("amount_cents"), int):
        return euros(data["amount_cents"])
    return None


def clock_text(minutes: float) -> str:
    """Minutes since midnight as ``HH:MM``."""
    whole = int(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class OfficeClock:
    """A clock for the store: 09:00 first, then a seeded 5 to 45 minutes per append.

    Args:
        rng: Where the gaps between events come from.
    """

    def __init__(self, rng: random.Random) -> None:
        self.now = float(OPENING)
        self.rng = rng
        self.ticks = 0

    def __call__(self) -> float:
        """The time of the next append."""
        if self.ticks:
            self.now += self.rng.randrange(5, 46)
        self.ticks += 1
        return self.now


@dataclass
class BankDay:
    """The outcome of a day: the store, its repository, and what was refused.

    Attributes:
        store: The in-memory store holding the account's stream.
        repo: The account repository on it.
        refused: Commands the account refused (they left no event).
        refusals: The refusal messages, in order.
    """

    store: InMemoryEventStore
    repo: AccountRepository
    refused: int = 0
    refusals: tuple[str, ...] = ()


def _commands(rng: random.Random, count: int) -> Iterator[tuple[str, AccountCommand]]:
    yield "clerk", OpenAccount("ada")
    for _ in range(count):
        if rng.random() < 0.55:
            who = rng.choice(["ada", "payroll"])
            yield who, Deposit(rng.randrange(2, 13) * 500)
        else:
            yield rng.choice(["ada", "bob"]), Withdraw(rng.randrange(2, 11) * 500)


def bank_day(seed: int, commands: int, *, timed: bool = False) -> BankDay:
    """Open ada's account, then run ``commands`` seeded deposits and withdrawals.

    Args:
        seed: Seeds the commands (and the gaps between events when ``timed``).
        commands: How many commands follow the opening.
        timed: Stamp events with :class:`OfficeClock` instead of the logical clock.
    """
    rng = random.Random(f"{seed}/bank-day")
    clock: Clock | None = OfficeClock(random.Random(f"{seed}/office-clock")) if timed else None
    store = InMemoryEventStore(clock)
    day = BankDay(store, account_repository(store))
    refusals: list[str] = []
    for actor, command in _commands(rng, commands):
        try:
            day.repo.execute(STREAM, command, actor=actor)
        except DomainError as error:
            refusals.append(f"{actor}: {error}")
    day.refused, day.refusals = len(refusals), tuple(refusals)
    return day
