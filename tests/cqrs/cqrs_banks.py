"""Banks of both backends for the CQRS tests (a module, not a conftest: Q2 shares the folder)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from week4.cqrs import CloseAccount, Deposit, OpenAccount, Withdraw
from week4.cqrs.app import BankApp, in_memory_bank, sqlite_bank

BankFactory = Callable[..., BankApp]
BACKENDS = ("memory", "sqlite")


class Banks:
    """Makes banks of one backend and closes them all at the end."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self.made: list[BankApp] = []
        self._count = itertools.count()

    def __call__(self, inline: Collection[str] = (), **kwargs: Any) -> BankApp:
        if self.backend == "memory":
            bank = in_memory_bank(inline, **kwargs)
        else:
            path = self.folder / f"bank-{next(self._count)}.db"
            bank = sqlite_bank(path, inline, synchronous="NORMAL", **kwargs)
        self.made.append(bank)
        return bank

    def close(self) -> None:
        for bank in self.made:
            bank.close()


def banks(backend: str, folder: Path) -> Iterator[Banks]:
    made = Banks(backend, folder)
    yield made
    made.close()


def ids() -> Iterator[str]:
    return (f"cmd-{i}" for i in itertools.count(1))


def story(bank: BankApp) -> list[object]:
    """A short history with every kind of event: two accounts, movements, one closing."""
    commands: list[object] = [
        OpenAccount("s-1", "acc-a", "ada"),
        OpenAccount("s-2", "acc-b", "bob"),
        Deposit("s-3", "acc-a", 1_000),
        Deposit("s-4", "acc-b", 250),
        Withdraw("s-5", "acc-a", 400),
        Withdraw("s-6", "acc-b", 250),
        CloseAccount("s-7", "acc-b", "moved away"),
        Deposit("s-8", "acc-a", 5_000),
    ]
    return [bank.bus.handle(command) for command in commands]
