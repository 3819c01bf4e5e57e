"""The dual write and the transactional outbox on the simulator, with the process dying.

A ``client`` sends bank commands to the ``app`` process one at a time and resends the same
command (same id) when no answer comes within ``retry_ms``. The ``app`` runs the chapter's
:class:`~week4.cqrs.outbox.DualWriteService` ("commit, then publish") or
:class:`~week4.cqrs.outbox.OutboxService` plus its :class:`~week4.cqrs.outbox.Relay`
(polling the outbox every ``poll_ms``); between their steps a seeded coin may kill it
(:class:`~week4.cqrs.faults.RandomCrashes`): the network crashes the node, its timers and
memory are gone, its committed rows survive, and it restarts ``restart_ms`` later. Published
messages travel to the ``read`` process, whose idempotent consumer applies each update once.

After ``crashes`` crashes no more are injected; the run ends when the client is done and the
outbox is empty, and the read model is compared with the ``accounts`` table.

Sources: Chris Richardson, *Pattern: Transactional outbox*; Gunnar Morling, *Reliable
Microservices Data Exchange With the Outbox Pattern* (2019).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from week4.cqrs.errors import CommandRejectedError, SimulatedCrash
from week4.cqrs.faults import RandomCrashes
from week4.cqrs.outbox.broker import BalanceConsumer, InMemoryBroker
from week4.cqrs.outbox.services import DualWriteService, OutboxService, Relay
from week4.cqrs.outbox.state_store import InMemoryStateStore
from week4.cqrs.simulations.outbox_nodes import Answered, Client, Publish, Sent
from week4.sim.clock import Simulator
from week4.sim.latency import Constant
from week4.sim.network import Link, Network
from week4.sim.node import Node

Design = Literal["dual-write", "outbox"]
DESIGNS: tuple[Design, ...] = ("dual-write", "outbox")
RESTART_MS = 5.0
"""How long the app process stays down after a crash."""


class _Wire:
    """The broker as the app sees it: ``publish`` sends the message to the read process."""

    def __init__(self, node: Node) -> None:
        self.node = node

    def publish(self, message: str) -> None:
        self.node.send("read", Publish(message))


class App(Node):
    """The write side's process: runs commands, relays the outbox, dies at crash points."""

    def __init__(
        self,
        design: Design,
        store: InMemoryStateStore,
        crashes: RandomCrashes,
        poll_ms: float,
        settled: Callable[[], bool],
    ) -> None:
        super().__init__("app")
        self.design, self.store, self.crashes, self.poll_ms = design, store, crashes, poll_ms
        self.settled = settled
        self.net: Network | None = None
        wire: Any = _Wire(self)
        self.dual = DualWriteService(store, wire, self._fault)
        self.outbox = OutboxService(store, self._fault)
        self.relay = Relay(store, wire, self._fault)

    def start(self) -> None:
        """Begin polling the outbox (outbox design only)."""
        if self.design == "outbox":
            self.set_timer(self.poll_ms, self._poll)

    def on_restart(self) -> None:
        """Come back with nothing but the committed rows: resume polling."""
        self.start()

    def _fault(self, point: str) -> None:
        try:
            self.crashes(point)
        except SimulatedCrash:
            self.log_state(f"dies {point}")
            raise

    def _die(self) -> None:
        net = self.net
        if net is not None:
            net.crash(self.id)
            net.sim.schedule(RESTART_MS, lambda: net.restart(self.id))

    def on_message(self, src: str, message: object) -> None:
        """Run one command and answer it, unless the process dies on the way."""
        if not isinstance(message, Sent):
            return
        service = self.dual if self.design == "dual-write" else self.outbox
        try:
            changed = service.handle(message.command)
        except SimulatedCrash:
            self._die()
            return
        except CommandRejectedError as error:
            self.send(src, Answered(message.command.command_id, f"refused: {error.reason}"))
            return
        self.log_state("commit" if changed else "already done")
        self.send(src, Answered(message.command.command_id, "ok"))

    def _poll(self) -> None:
        try:
            published = self.relay.step(10)
        except SimulatedCrash:
            self._die()
            return
        if published:
            self.log_state(f"relayed {published}")
        if published or not self.settled():
            self.set_timer(self.poll_ms, self._poll)


class Reader(Node):
    """The read side's process: a broker queue and an idempotent consumer."""

    def __init__(self) -> None:
        super().__init__("read")
        self.broker = InMemoryBroker()
        self.consumer = BalanceConsumer(idempotent=True)

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """Queue a published message and apply it."""
        if isinstance(message, Publish):
            self.broker.publish(message.body)
            self.consumer.consume(self.broker)


@dataclass(frozen=True)
class OutboxReport:
    """What reached the read side, for one design over one seeded run.

    Attributes:
        design: ``dual-write`` or ``outbox``.
        commands: Commands the client completed.
        crashes: Times the app process died.
        committed: Changes committed to the ``accounts`` table.
        lost: Committed changes the read side never applied.
        duplicated: Messages delivered again after being applied (skipped by the consumer).
        applied_twice: Messages applied more than once (0: the consumer is idempotent).
        consistent: The read model equals the ``accounts`` table at the end.
    """

    design: str
    commands: int
    crashes: int
    committed: int
    lost: int
    duplicated: int
    applied_twice: int
    consistent: bool


@dataclass
class OutboxRun:
    """A finished run: the simulator (its trace), the processes and the report."""

    sim: Simulator
    app: App
    reader: Reader
    report: OutboxReport


def run_outbox(
    seed: int,
    design: Design,
    *,
    crashes: int = 200,
    probability: float = 0.1,
    accounts: int = 3,
    poll_ms: float = 5.0,
) -> OutboxRun:
    """Send commands until the app has died ``crashes`` times, then settle and count."""
    sim = Simulator(seed)
    store = InMemoryStateStore()
    faults = RandomCrashes(sim.rng("crashes"), probability, limit=crashes)
    client = Client(accounts, sim.rng("client"), lambda: faults.count >= crashes)
    app, reader = App(design, store, faults, poll_ms, lambda: client.finished), Reader()
    net = Network(sim, Link(latency=Constant(1.0)))
    net.add(client, app, reader)
    app.net = net
    app.start()
    client.start()
    sim.run()
    consumer = reader.consumer
    committed = store.handled_commands()
    report = OutboxReport(
        design,
        client.completed,
        faults.count,
        len(committed),
        len(committed - consumer.applied.keys()),
        consumer.redelivered,
        sum(1 for n in consumer.applied.values() if n > 1),
        consumer.states == store.accounts(),
    )
    return OutboxRun(sim, app, reader, report)
