"""Writers racing on one stream over the simulated network: optimistic concurrency, traced.

A store node wraps an :class:`~week4.event_sourcing.InMemoryEventStore`; writer nodes
catch up on the account's stream, decide a withdrawal on the state they folded, and append
it with ``expected_version`` set to the version they read. When another writer got there
first the store answers :class:`AppendRejected` (the store's ``ConcurrencyError``), and the
writer reads the events it missed, decides again and retries: KurrentDB's
``WrongExpectedVersion`` loop (KurrentDB docs, *Appending events*, "optimistic concurrency
check"). With ``expected="any"`` the check is off, as with KurrentDB's ``StreamState.any``,
and decisions taken on a stale state all land.

The messages are in :mod:`week4.event_sourcing.figures.race_messages`; each has a ``label``, so the
trace draws as a sequence diagram.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from week4.event_sourcing.bank.accounts import bank_mapper
from week4.event_sourcing.bank.domain import ACCOUNT, Account, AccountOpened, Deposited, Withdraw
from week4.event_sourcing.figures.race_messages import (
    Appended,
    AppendRejected,
    AppendRequested,
    EventsRead,
    ReadRequested,
)
from week4.event_sourcing.store.errors import ConcurrencyError, DomainError
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.protocol import EventStore
from week4.sim.clock import Simulator
from week4.sim.latency import Uniform
from week4.sim.network import Link, Network
from week4.sim.node import Node

STREAM = "account-1"
"""The one stream every writer appends to."""


@dataclass(frozen=True)
class Tenths(Uniform):
    """A uniform delay rounded to 0.1 ms, so diagrams show short times."""

    def sample(self, rng: random.Random) -> float:
        """Return a uniform draw, rounded to a tenth of a millisecond."""
        return round(super().sample(rng), 1)


Expected = Literal["exact", "any"]


class StoreNode(Node):
    """The event store as a node: answers reads and appends, one at a time.

    Args:
        node_id: The node's name.
        store: The store it serves.
    """

    def __init__(self, node_id: str, store: EventStore) -> None:
        super().__init__(node_id)
        self.store = store
        self.conflicts = 0

    def on_message(self, src: str, message: object) -> None:
        """Serve a read or an append."""
        if isinstance(message, ReadRequested):
            events = tuple(self.store.read_stream(message.stream, message.from_version))
            self.send(src, EventsRead(events, self.store.stream_version(message.stream)))
        elif isinstance(message, AppendRequested):
            try:
                version = self.store.append(
                    message.stream, [message.event], message.expected_version
                )
            except ConcurrencyError as error:
                self.conflicts += 1
                self.send(src, AppendRejected(error.expected, error.actual))
            else:
                self.send(src, Appended(version))


class WriterNode(Node):
    """A client that withdraws ``amounts`` one by one, retrying on conflicts.

    Each withdrawal starts by reading the events it has not seen; a conflict sends it back
    to that read. A withdrawal the folded state cannot cover is refused (DomainError).

    Args:
        node_id: The node's name (also the ``actor`` in each event's metadata).
        store: The store node's name.
        amounts: The withdrawals to make, in cents.
        expected: ``"exact"``: append with the version read; ``"any"``: no check.
    """

    def __init__(self, node_id: str, store: str, amounts: list[int], expected: Expected) -> None:
        super().__init__(node_id)
        self.store = store
        self.todo = list(amounts)
        self.expected = expected
        self.mapper = bank_mapper()
        self.state: Account = ACCOUNT.initial
        self.version = 0
        self.appended = 0
        self.conflicts = 0
        self.refused = 0
        self.finished_at: float | None = None

    def start(self) -> None:
        """Begin with the first withdrawal."""
        self.set_timer(0.0, self._catch_up)

    def _catch_up(self) -> None:
        self.send(self.store, ReadRequested(STREAM, self.version + 1))

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """Fold what was read and decide, or count the outcome of an append."""
        if isinstance(message, EventsRead):
            events = (self.mapper.to_domain(e) for e in message.events)
            self.state = ACCOUNT.fold(events, self.state)
            self.version = message.version
            self._decide()
        elif isinstance(message, Appended):
            self.appended += 1
            self.todo.pop(0)
            self._next()
        elif isinstance(message, AppendRejected):
            self.conflicts += 1
            self.log_state(f"conflict: stream at v{message.actual}, re-read and retry")
            self._catch_up()

    def _decide(self) -> None:
        amount = self.todo[0]
        balance = self.state.balance_cents
        try:
            (event,) = ACCOUNT.decide(Withdraw(amount), self.state)
        except DomainError:
            self.refused += 1
            self.log_state(
                f"balance €{balance / 100:g} at v{self.version}: refuse €{amount / 100:g}"
            )
            self.todo.pop(0)
            if self.todo:
                self._decide()
            else:
                self.finished_at = self.now
            return
        self.log_state(f"balance €{balance / 100:g} at v{self.version}: withdraw €{amount / 100:g}")
        new = self.mapper.to_new_event(event, {"actor": self.id})
        expected = self.version if self.expected == "exact" else None
        self.send(self.store, AppendRequested(STREAM, expected, new))

    def _next(self) -> None:
        if self.todo:
            self._catch_up()
        else:
            self.finished_at = self.now


@dataclass
class Race:
    """A finished race: the simulator (its trace), the store and the writers."""

    sim: Simulator
    store: InMemoryEventStore
    server: StoreNode
    writers: list[WriterNode]


def run_race(
    seed: int,
    *,
    writers: int,
    ops: int,
    amount: int,
    balance: int,
    latency: float,
    expected: Expected,
) -> Race:
    """Open an account holding ``balance`` cents, then let ``writers`` withdraw at once.

    Args:
        seed: Seeds the network's latencies.
        writers: How many writer nodes start together at time 0.
        ops: Withdrawals per writer.
        amount: Cents per withdrawal.
        balance: The account's balance before the race, in cents.
        latency: Mean one-way latency (ms); each message takes 0.5x to 1.5x of it.
        expected: ``"exact"`` (optimistic concurrency) or ``"any"`` (no check).
    """
    store = InMemoryEventStore()
    mapper = bank_mapper()
    setup = [AccountOpened("ada"), Deposited(balance)]
    store.append(STREAM, [mapper.to_new_event(e, {"actor": "clerk"}) for e in setup], 0)
    sim = Simulator(seed)
    net = Network(sim, Link(latency=Tenths(latency * 0.5, latency * 1.5)))
    server = StoreNode("store", store)
    nodes = [WriterNode(f"w{i}", "store", [amount] * ops, expected) for i in range(1, writers + 1)]
    net.add(*nodes, server)
    for node in nodes:
        node.start()
    sim.run()
    return Race(sim, store, server, nodes)
