"""Rebuilding the account list while queries keep coming: blue/green against in place.

The bank has a history (``history`` deposits over ``accounts`` accounts) and keeps taking a
deposit every ``write_every_ms``; a query for a random account's row arrives every
``query_every_ms``. At ``start_ms`` the account list is rebuilt by replaying the log,
``batch`` events every ``tick_ms``:

* ``blue-green``: :class:`~week4.cqrs.read.rebuild.Rebuild` replays into a new generation
  while queries read the old one (kept current by the inline projection), then swaps the new
  one in, in one transaction, once it is within a batch of the head;
* ``in-place``: the list is emptied and replayed where it stands (a fresh list followed by an
  :class:`~week4.cqrs.read.projections.AsyncProjection`), and queries read it meanwhile.

Each answer is checked: was the account found, and is the position it reflects older than
an answer given before it (time going backwards for the readers)?

Sources: Marten docs, *Rebuilding Projections*; Martin Fowler, *BlueGreenDeployment* (2010).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from week4.cqrs.app import BankApp, in_memory_bank
from week4.cqrs.read.account_list import GetAccount, InMemoryAccountList
from week4.cqrs.read.model import Answer, ReadModel
from week4.cqrs.read.projections import AsyncProjection
from week4.cqrs.read.rebuild import Rebuild
from week4.cqrs.read.stores import InMemoryReadStore
from week4.cqrs.write.messages import Deposit, OpenAccount
from week4.sim.clock import Simulator

Mode = Literal["blue-green", "in-place"]
MODES: tuple[Mode, ...] = ("blue-green", "in-place")


@dataclass(frozen=True)
class RebuildSetup:
    """The rebuild experiment's settings (times in ms of virtual time)."""

    accounts: int = 20
    history: int = 2000
    batch: int = 100
    tick_ms: float = 5.0
    write_every_ms: float = 2.0
    query_every_ms: float = 1.0
    start_ms: float = 20.0
    end_ms: float = 400.0


@dataclass(frozen=True)
class QueryAnswer:
    """One query: when, which generation answered, at what position, what it showed.

    Attributes:
        at: When it was answered.
        generation: The account list's generation that answered.
        position: The log position the answer reflects.
        head: The log's last position at that moment.
        found: The account was in the list.
        current: The balance shown was the write model's balance at that moment.
    """

    at: float
    generation: int
    position: int
    head: int
    found: bool
    current: bool


@dataclass
class RebuildRun:
    """A finished run: every answer, and when the rebuild ended (the swap, or caught up)."""

    mode: Mode
    answers: list[QueryAnswer]
    started_at: float
    finished_at: float | None
    replayed: int
    model: ReadModel[Any]
    bank: BankApp


class _Experiment:
    def __init__(self, seed: int, mode: Mode, setup: RebuildSetup) -> None:
        self.sim, self.mode, self.setup = Simulator(seed), mode, setup
        self.rng = self.sim.rng("workload")
        self.bank = in_memory_bank(inline="account_list")
        self.live: ReadModel[Any] = self.bank.accounts
        self.answers: list[QueryAnswer] = []
        self.finished_at: float | None = None
        self.replayed = 0
        self.rebuild: Rebuild | None = None
        self.projection: AsyncProjection | None = None
        self._commands = 0

    def command(self, message: Any) -> None:
        self._commands += 1
        self.bank.bus.handle(message)

    def deposit(self) -> None:
        account = f"acc-{self.rng.randrange(self.setup.accounts) + 1}"
        self.command(Deposit(f"c{self._commands + 1}", account, self.rng.randint(1, 20) * 100))
        if self.projection is not None and self.finished_at is not None:
            self.projection.project_available()  # rebuilt: the list is inline again

    def prepare(self) -> None:
        for i in range(1, self.setup.accounts + 1):
            self.command(OpenAccount(f"c{self._commands + 1}", f"acc-{i}", f"owner-{i}"))
        for _ in range(self.setup.history):
            self.deposit()

    def every(self, period: float, action: Any) -> None:
        def tick() -> None:
            action()
            if self.sim.now + period <= self.setup.end_ms:
                self.sim.schedule(period, tick)

        self.sim.schedule(period, tick)

    def query(self) -> None:
        account = f"acc-{self.rng.randrange(self.setup.accounts) + 1}"
        answer = self.live.query(GetAccount(account))
        assert isinstance(answer, Answer)
        head = self.bank.store.last_position()
        row, truth = answer.value, self.bank.read_from_write_model(account)
        current = row is not None and truth is not None and row.balance_cents == truth.balance_cents
        self.answers.append(
            QueryAnswer(
                self.sim.now, self.live.generation, answer.position, head, row is not None, current
            )
        )

    def start(self) -> None:
        if self.mode == "blue-green":
            self.rebuild = Rebuild(self.bank.store, self.bank.accounts, batch_size=self.setup.batch)
        else:
            self.live = InMemoryAccountList(InMemoryReadStore())
            self.projection = AsyncProjection(
                self.bank.store, self.live, batch_size=self.setup.batch
            )
        self.every(self.setup.tick_ms, self.step)

    def step(self) -> None:
        if self.finished_at is not None:
            return
        batch = self.setup.batch
        if self.rebuild is not None:
            self.replayed += self.rebuild.step(batch)
            if self.rebuild.lag <= batch:
                self.replayed += self.rebuild.lag
                self.rebuild.swap()
                self.finished_at = self.sim.now
        elif self.projection is not None:
            self.replayed += self.projection.project_available(batch)
            if self.projection.lag == 0:
                self.finished_at = self.sim.now


def run_rebuild(seed: int, mode: Mode, setup: RebuildSetup | None = None) -> RebuildRun:
    """Run the workload, rebuild the account list at ``start_ms`` in ``mode``."""
    setup = setup or RebuildSetup()
    exp = _Experiment(seed, mode, setup)
    exp.prepare()
    exp.every(setup.write_every_ms, exp.deposit)
    exp.every(setup.query_every_ms, exp.query)
    exp.sim.at(setup.start_ms, exp.start)
    exp.sim.run(until=setup.end_ms)
    return RebuildRun(
        mode, exp.answers, setup.start_ms, exp.finished_at, exp.replayed, exp.live, exp.bank
    )


@dataclass(frozen=True)
class RebuildSummary:
    """What the readers saw during one rebuild.

    Attributes:
        mode: ``blue-green`` or ``in-place``.
        queries: Queries answered in the whole run.
        during: Queries answered while the rebuild ran.
        not_found: Queries that did not find an account that existed.
        wrong_balance: Answers whose balance was not the account's balance at that moment.
        went_back: Answers reflecting an older position than the answer before them.
        behind_max: The most events an answer lagged behind the log's head.
        rebuild_ms: How long the rebuild took (None: not finished by the end of the run).
        replayed: Events replayed.
    """

    mode: str
    queries: int
    during: int
    not_found: int
    wrong_balance: int
    went_back: int
    behind_max: int
    rebuild_ms: float | None
    replayed: int


def summarize_rebuild(run: RebuildRun) -> RebuildSummary:
    """Count what the readers saw."""
    end = run.finished_at if run.finished_at is not None else float("inf")
    during = [a for a in run.answers if run.started_at <= a.at < end]
    went_back = sum(1 for a, b in pairwise(run.answers) if b.position < a.position)
    took = round(run.finished_at - run.started_at, 1) if run.finished_at is not None else None
    return RebuildSummary(
        run.mode,
        len(run.answers),
        len(during),
        sum(1 for a in run.answers if not a.found),
        sum(1 for a in run.answers if not a.current),
        went_back,
        max((a.head - a.position for a in run.answers), default=0),
        took,
        run.replayed,
    )
