"""The outbox simulation's client and messages: commands resent until they are answered."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from week4.cqrs.write.messages import AccountCommand, Deposit, OpenAccount, Withdraw
from week4.sim.node import Node

RETRY_MS = 20.0
"""How long the client waits for an answer before it sends the same command again."""


@dataclass(frozen=True)
class Sent:
    """The client sends ``command`` to the app (again, after a timeout: same id)."""

    command: AccountCommand

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"{type(self.command).__name__} {self.command.command_id}"


@dataclass(frozen=True)
class Answered:
    """The app's answer to a command: ``ok`` or the refusal's reason."""

    command_id: str
    outcome: str

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"{self.command_id} {self.outcome}"


@dataclass(frozen=True)
class Publish:
    """A change message on its way to the read side (JSON, as a broker carries it)."""

    body: str

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return "AccountChanged"


def pick_command(rng: random.Random, sent: int, accounts: int) -> AccountCommand:
    """The client's next command: open the accounts, then deposits and some withdrawals."""
    if sent < accounts:
        return OpenAccount(f"c{sent + 1}", f"acc-{sent + 1}", f"owner-{sent + 1}")
    account = f"acc-{rng.randrange(accounts) + 1}"
    amount = rng.randint(1, 20) * 100
    if rng.random() < 0.7:
        return Deposit(f"c{sent + 1}", account, amount)
    return Withdraw(f"c{sent + 1}", account, amount)


class Client(Node):
    """Sends commands one at a time until ``enough()`` says so, resending after timeouts.

    Args:
        accounts: How many accounts it opens and then works on.
        rng: Its random stream (which command comes next).
        enough: True once the run has seen all the crashes it wanted.
    """

    def __init__(self, accounts: int, rng: random.Random, enough: Callable[[], bool]) -> None:
        super().__init__("client")
        self.accounts, self.rng, self.enough = accounts, rng, enough
        self.sent = 0
        self.completed = 0
        self.resent = 0
        self.current: AccountCommand | None = None
        self.finished = False

    def start(self) -> None:
        """Send the first command."""
        self._next()

    def _next(self) -> None:
        if self.sent >= self.accounts and self.enough():
            self.current, self.finished = None, True
            return
        self.current = pick_command(self.rng, self.sent, self.accounts)
        self.sent += 1
        self._send()

    def _send(self) -> None:
        command = self.current
        if command is None:
            return
        self.send("app", Sent(command))
        self.set_timer(RETRY_MS, lambda: self._timeout(command.command_id))

    def _timeout(self, command_id: str) -> None:
        if self.current is not None and self.current.command_id == command_id:
            self.resent += 1
            self._send()

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """An answer to the current command moves on to the next one."""
        if (
            isinstance(message, Answered)
            and self.current is not None
            and message.command_id == self.current.command_id
        ):
            self.completed += 1
            self._next()
