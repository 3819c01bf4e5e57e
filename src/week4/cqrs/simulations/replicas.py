"""Read replicas of one projection, each with its own lag: reads that go back in time.

``replicas`` copies of the account list follow the same log, replica ``k`` with a mean lag
of ``k`` times ``lag_ms``. Users deposit, then read their balance a few times; a load
balancer sends each read to a replica. When consecutive reads land on replicas at different
positions, a user can see a newer state and then an older one: a **monotonic reads**
violation (Terry et al., *Session Guarantees for Weakly Consistent Replicated Data*, 1994).
Three routings:

* ``random``: any replica, each time;
* ``sticky``: always the same replica per user (a sticky session), so its reads follow one
  log in order;
* ``session``: any replica, but the read carries the highest position the user has seen or
  written, and the replica waits for it (a session token, as Azure Cosmos DB's session
  consistency does), or answers "not yet" after the timeout.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from week4.cqrs.simulations.bank_app import LabBank
from week4.cqrs.simulations.lab_nodes import Costs, ReadSide, WriteSide
from week4.cqrs.simulations.lags import lag_distribution
from week4.cqrs.simulations.ledger import Ledger
from week4.cqrs.simulations.messages import (
    AskBalance,
    BalanceAnswered,
    CommandDone,
    NotYet,
    SendCommand,
)
from week4.errors import Week4Error
from week4.sim.clock import Simulator
from week4.sim.latency import Constant
from week4.sim.network import Link, Network
from week4.sim.node import Node

Routing = Literal["random", "sticky", "session"]
ROUTINGS: tuple[Routing, ...] = ("random", "sticky", "session")
"""The routings, in the order pages show them."""


@dataclass(frozen=True)
class ReplicaRead:
    """One read: who asked, which replica answered, and what it had seen.

    Attributes:
        user: The reader.
        replica: The replica's node id.
        own_write: The position of the reader's latest write.
        seen: The position the answer reflects (None: "not yet").
        at: When the answer arrived.
    """

    user: str
    replica: str
    own_write: int
    seen: int | None
    at: float


class ReplicaUser(Node):
    """Deposits, then reads ``reads`` times through the routing; ``rounds`` times over."""

    def __init__(  # noqa: PLR0917 - a user's settings
        self,
        name: str,
        routing: Routing,
        replicas: list[str],
        rounds: int,
        reads: int,
        rng: random.Random,
    ) -> None:
        super().__init__(name)
        self.routing, self.replicas, self.rng = routing, replicas, rng
        self.rounds, self.reads = rounds, reads
        self.home = replicas[(int(name[1:]) - 1) % len(replicas)]
        self.left = 0
        self.own_write = 0
        self.highest = 0
        self.done: list[ReplicaRead] = []
        self._asked: dict[str, str] = {}

    def start(self) -> None:
        """Schedule the first round."""
        self._round()

    def _round(self) -> None:
        if self.rounds > 0:
            self.rounds -= 1
            self.set_timer(round(self.rng.expovariate(1 / 50.0), 1), self._write)

    def _write(self) -> None:
        amount = self.rng.randrange(1, 21) * 100
        self.send("write", SendCommand(f"{self.id}-w{self.rounds}", self.id, amount))

    def _read(self) -> None:
        replica = self.home if self.routing == "sticky" else self.rng.choice(self.replicas)
        wait = self.highest if self.routing == "session" else None
        query_id = f"{self.id}-r{len(self.done) + 1}"
        self._asked[query_id] = replica
        self.send(replica, AskBalance(query_id, self.id, wait))

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """After a write, read; after each answer, read again or start the next round."""
        if isinstance(message, CommandDone):
            self.own_write = message.position
            self.highest = max(self.highest, message.position)
            self.left = self.reads
            self._read()
        elif isinstance(message, BalanceAnswered | NotYet):
            seen = message.position if isinstance(message, BalanceAnswered) else None
            replica = self._asked.pop(message.query_id)
            self.done.append(ReplicaRead(self.id, replica, self.own_write, seen, self.now))
            if seen is not None:
                self.highest = max(self.highest, seen)
            self.left -= 1
            if self.left > 0:
                self.set_timer(round(self.rng.expovariate(1 / 10.0), 1), self._read)
            else:
                self._round()


@dataclass(frozen=True)
class ReplicaSummary:
    """What one routing did to the users' reads.

    Attributes:
        routing: The routing.
        reads: Reads made.
        not_yet: Reads answered "not yet".
        went_back: Answers older than one the same user had already seen (monotonic-reads
            violations).
        missed_own_write: Answers that did not reflect the reader's own latest write.
        users_affected: Users who saw time go backwards at least once.
    """

    routing: str
    reads: int
    not_yet: int
    went_back: int
    missed_own_write: int
    users_affected: int


def count_violations(routing: str, reads: list[ReplicaRead]) -> ReplicaSummary:
    """Count, user by user in time order, the reads that went back and the missed writes."""
    highest: dict[str, int] = {}
    went_back, missed, affected = 0, 0, set()
    for read in reads:
        if read.seen is None:
            continue
        if read.seen < highest.get(read.user, 0):
            went_back += 1
            affected.add(read.user)
        missed += read.seen < read.own_write
        highest[read.user] = max(highest.get(read.user, 0), read.seen)
    not_yet = sum(1 for r in reads if r.seen is None)
    return ReplicaSummary(routing, len(reads), not_yet, went_back, missed, len(affected))


@dataclass
class ReplicaRun:
    """A finished run: the simulator, the replicas' nodes and every read in time order."""

    routing: Routing
    sim: Simulator
    replicas: list[ReadSide]
    reads: list[ReplicaRead]


def run_replicas(
    seed: int,
    routing: Routing,
    *,
    replicas: int = 3,
    users: int = 10,
    rounds: int = 10,
    reads: int = 4,
    lag: str = "exponential",
    lag_ms: float = 20.0,
    timeout_ms: float = 100.0,
) -> ReplicaRun:
    """Run the users against ``replicas`` account lists with the given routing."""
    if routing not in ROUTINGS:
        raise Week4Error(f"unknown routing {routing!r}: expected one of {', '.join(ROUTINGS)}")
    sim = Simulator(seed)
    bank, ledger = LabBank(replicas=replicas), Ledger()
    costs = Costs(timeout_ms=timeout_ms)
    names = [f"r{k}" for k in range(1, replicas + 1)]
    readers = [ReadSide(bank, ledger, costs, name, k) for k, name in enumerate(names)]
    net = Network(sim, Link(latency=Constant(1.0)))
    write = WriteSide(bank, ledger, costs, notify=tuple(names))
    people = [
        ReplicaUser(f"u{i}", routing, names, rounds, reads, sim.rng(f"user/u{i}"))
        for i in range(1, users + 1)
    ]
    net.add(*people, write, *readers)
    for k, name in enumerate(names, 1):
        link = Link(latency=lag_distribution(lag, lag_ms * k))
        net.set_link("write", name, link, both_ways=False)
    for person in people:
        ledger.appended(bank.open(person.id, person.id), 0.0)
    for k in range(replicas):
        bank.catch_up(bank.head, k)
    for person in people:
        person.start()
    sim.run()
    done = sorted((r for p in people for r in p.done), key=lambda r: r.at)
    return ReplicaRun(routing, sim, readers, done)
