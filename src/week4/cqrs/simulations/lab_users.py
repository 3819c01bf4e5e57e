"""The staleness lab's users: each deposits, then reads its balance right after the write.

Where the read goes, and whether it carries the write's position, is the read strategy
(see :mod:`week4.cqrs.simulations.lab_nodes`).
"""

from __future__ import annotations

import random

from week4.cqrs.simulations.lab_nodes import ReadAfterWrite, Strategy
from week4.cqrs.simulations.messages import (
    AskBalance,
    BalanceAnswered,
    CommandDone,
    NotYet,
    SendCommand,
)
from week4.sim.node import Node


class User(Node):
    """Deposits into its own account ``ops`` times, each time reading its balance right after.

    Args:
        name: The user's node id, also its account's stream name.
        strategy: Where the read goes and whether it carries the write's position.
        ops: How many write-then-read pairs to make.
        think_ms: The mean pause (exponential) before each pair.
        rng: The user's own random stream.
    """

    def __init__(
        self, name: str, strategy: Strategy, ops: int, think_ms: float, rng: random.Random
    ) -> None:
        super().__init__(name)
        self.strategy, self.todo, self.think_ms, self.rng = strategy, ops, think_ms, rng
        self.expected = 0
        self.done: list[ReadAfterWrite] = []
        self._sent_at = self._written_at = 0.0
        self._position = 0

    def start(self) -> None:
        """Schedule the first pair."""
        self._next()

    def _next(self) -> None:
        if self.todo > 0:
            self.todo -= 1
            pause = self.rng.expovariate(1.0 / self.think_ms) if self.think_ms > 0 else 0.0
            self.set_timer(round(pause, 1), self._write)

    def _write(self) -> None:
        amount = self.rng.randrange(1, 21) * 100
        self.expected += amount
        self._sent_at = self.now
        self.send("write", SendCommand(f"{self.id}-{len(self.done) + 1}", self.id, amount))

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """Read right after the write's answer; record the read's answer."""
        if isinstance(message, CommandDone):
            self._written_at, self._position = self.now, message.position
            wait = message.position if self.strategy == "wait-for-position" else None
            target = "write" if self.strategy == "write-model" else "read"
            self.send(target, AskBalance(message.command_id, self.id, wait))
        elif isinstance(message, BalanceAnswered | NotYet):
            self._record(message)
            self._next()

    def _record(self, answer: BalanceAnswered | NotYet) -> None:
        answered = isinstance(answer, BalanceAnswered)
        fresh = isinstance(answer, BalanceAnswered) and answer.balance_cents == self.expected
        self.done.append(
            ReadAfterWrite(
                answer.query_id,
                self.id,
                self._position,
                self._sent_at,
                self._written_at,
                self.now,
                answer.position if answered else None,
                fresh,
                0.0,
            )
        )
