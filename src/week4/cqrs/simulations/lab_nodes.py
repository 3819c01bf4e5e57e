"""The staleness lab's processes: users, the write side and the read side, on the network.

A user deposits into its own account, waits for the command's answer (its stream version
and global position), then asks for its balance at once, the read right after the write.
Where the question goes, and whether it carries the position, is the read strategy:

* ``async``: ask the read side, which answers from the account list as it is;
* ``wait-for-position``: ask the read side for ``min_position``; it answers when its list has
  applied that position, or "not yet" after a timeout (Marten's wait for non-stale data);
* ``inline``: the write side projects each event in the append's own step, so the account
  list the read side answers from is never behind;
* ``write-model``: ask the write side, which loads the account from its stream.

The read side's account list moves when the write side's notice of an append reaches it
(after the projection's lag) and applies events in log order, so one slow event holds the
later ones back, as a single subscription does.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Literal

from week4.cqrs.read.model import NotYet as NotReached
from week4.cqrs.simulations.bank_app import LabBank
from week4.cqrs.simulations.ledger import Ledger
from week4.cqrs.simulations.messages import (
    AskBalance,
    BalanceAnswered,
    CommandDone,
    EventsAvailable,
    NotYet,
    SendCommand,
)
from week4.cqrs.simulations.server import QueueingNode
from week4.sim.node import Node

Strategy = Literal["async", "wait-for-position", "inline", "write-model"]
STRATEGIES: tuple[Strategy, ...] = ("async", "wait-for-position", "inline", "write-model")
"""The read strategies, in the order pages show them."""


@dataclass(frozen=True)
class Costs:
    """Service times (ms) on the write side, and the client's patience.

    Attributes:
        append_ms: One command: load, decide, append.
        project_ms: Projecting one event into the account list (inline: on the write side).
        load_ms: Answering a balance query from the write model (load the stream).
        timeout_ms: How long a wait-for-position query waits before "not yet".
    """

    append_ms: float = 1.0
    project_ms: float = 0.5
    load_ms: float = 1.0
    timeout_ms: float = 100.0


@dataclass(frozen=True)
class ReadAfterWrite:
    """One user's write and the read that followed it.

    Attributes:
        query_id: The command's id, which the read that follows it reuses.
        user: The user (and account) name.
        position: The global position the write reached.
        sent_at: When the command left the user.
        written_at: When the user got the command's answer.
        answered_at: When the user got the query's answer (or "not yet").
        seen: The position the answer reflects (None: "not yet").
        fresh: The answer showed the user's own write.
        staleness: Age (ms) of the oldest event missing from the answer when it was given.
    """

    query_id: str
    user: str
    position: int
    sent_at: float
    written_at: float
    answered_at: float
    seen: int | None
    fresh: bool
    staleness: float

    @property
    def latency(self) -> float:
        """From sending the command to the answer of the read that followed it."""
        return self.answered_at - self.sent_at


class WriteSide(QueueingNode):
    """Runs commands (and write-model queries) one at a time, and tells the read sides.

    Args:
        bank: The bank it writes to.
        ledger: The observer's ledger of append times.
        costs: Its service times.
        notify: The read-side nodes told of each append.
    """

    def __init__(
        self, bank: LabBank, ledger: Ledger, costs: Costs, *, notify: tuple[str, ...]
    ) -> None:
        super().__init__("write")
        self.bank, self.ledger, self.costs, self.notify = bank, ledger, costs, notify
        self.staleness: dict[str, float] = {}

    def on_message(self, src: str, message: object) -> None:
        """Serve a deposit or a balance query, in arrival order."""
        if isinstance(message, SendCommand):
            cost = self.costs.append_ms + (self.costs.project_ms if self.bank.inline else 0.0)
            self.serve("command", cost, lambda: self._deposit(src, message))
        elif isinstance(message, AskBalance):
            self.serve("query", self.costs.load_ms, lambda: self._answer(src, message))

    def _deposit(self, src: str, command: SendCommand) -> None:
        result = self.bank.deposit(command.command_id, command.account, command.amount_cents)
        position = result.position
        self.ledger.appended(position, self.now)
        self.log_state(f"append p{position}")
        self.send(src, CommandDone(command.command_id, result.version, position))
        for reader in self.notify:
            self.send(reader, EventsAvailable(position))

    def _answer(self, src: str, query: AskBalance) -> None:
        balance, head = self.bank.write_balance(query.account), self.bank.head
        self.staleness[query.query_id] = 0.0
        self.send(src, BalanceAnswered(query.query_id, balance, head))


class ReadSide(Node):
    """Answers balance queries from one account list; parks the ones that must wait.

    Args:
        bank: The bank whose account list ``replica`` this node serves.
        ledger: The observer's ledger of append times.
        costs: The wait-for-position timeout.
        node_id: The node's name.
        replica: Which copy of the account list it serves.
    """

    def __init__(
        self, bank: LabBank, ledger: Ledger, costs: Costs, node_id: str = "read", replica: int = 0
    ) -> None:
        super().__init__(node_id)
        self.bank, self.ledger, self.costs, self.replica = bank, ledger, costs, replica
        self.arrived: set[int] = set()
        self.waiting: dict[str, tuple[str, AskBalance]] = {}
        self._by_position: list[tuple[int, str]] = []
        self.staleness: dict[str, float] = {}

    def on_message(self, src: str, message: object) -> None:
        """Take an event notice in, or answer (or park) a query."""
        if isinstance(message, EventsAvailable):
            self._arrive(message.position)
        elif isinstance(message, AskBalance) and not self._try(src, message):
            self.waiting[message.query_id] = (src, message)
            heapq.heappush(self._by_position, (message.min_position or 0, message.query_id))
            self.set_timer(self.costs.timeout_ms, lambda: self._give_up(message.query_id))

    def _arrive(self, position: int) -> None:
        self.arrived.add(position)
        reach = self.bank.position(self.replica)
        while reach + 1 in self.arrived:
            reach += 1
            self.arrived.discard(reach)
        if reach > self.bank.position(self.replica):
            self.bank.catch_up(reach, self.replica)
            self.log_state(f"applied up to p{reach}")
            heap = self._by_position
            while heap and heap[0][0] <= reach:
                _, query_id = heapq.heappop(heap)
                waiting = self.waiting.pop(query_id, None)
                if waiting is not None:
                    self._try(*waiting)

    def _try(self, src: str, query: AskBalance) -> bool:
        answer = self.bank.read(query.account, query.min_position or 0, self.replica)
        if isinstance(answer, NotReached):
            return False
        self.staleness[query.query_id] = self.ledger.staleness(answer.position, self.now)
        self.send(src, BalanceAnswered(query.query_id, answer.value, answer.position))
        return True

    def _give_up(self, query_id: str) -> None:
        waiting = self.waiting.pop(query_id, None)
        if waiting is not None:
            src, _ = waiting
            self.send(src, NotYet(query_id, self.bank.position(self.replica)))
