"""The staleness lab: users write then read at once, under each read strategy and lag.

One run is one strategy: ``users`` users each make ``ops`` deposit-then-read pairs against
one write side and one read side (see :mod:`~week4.cqrs.simulations.lab_nodes`), with the
projection's lag drawn from a distribution (:mod:`~week4.cqrs.simulations.lags`). Every
link between a user and a service takes ``link_ms``. :func:`summarize` turns the reads into
the lab's figures: how many reads missed their own write, how stale the answers were, how
long a write-then-read took, and how busy the write side was.

Sources: Marten docs, *Querying for non-stale data*; Greg Young, *CQRS Documents* (2010).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from week4.cqrs.simulations.bank_app import LabBank
from week4.cqrs.simulations.lab_nodes import (
    Costs,
    ReadAfterWrite,
    ReadSide,
    Strategy,
    WriteSide,
)
from week4.cqrs.simulations.lab_users import User
from week4.cqrs.simulations.lags import lag_distribution
from week4.cqrs.simulations.ledger import Ledger
from week4.errors import Week4Error
from week4.sim.clock import Simulator
from week4.sim.latency import Constant
from week4.sim.network import Link, Network
from week4.stats import percentile


@dataclass(frozen=True)
class LabSetup:
    """One experiment's settings (everything but the strategy and the seed).

    Attributes:
        users: How many users write and read at the same time.
        ops: Write-then-read pairs per user.
        lag: The lag distribution: ``constant``, ``exponential`` or ``long-tail``.
        lag_ms: The projection's mean lag (ms).
        think_ms: A user's mean pause before each pair (ms).
        link_ms: One-way delay between a user and a service (ms).
        costs: Service times on the write side, and the wait-for-position timeout.
    """

    users: int = 10
    ops: int = 20
    lag: str = "exponential"
    lag_ms: float = 20.0
    think_ms: float = 50.0
    link_ms: float = 1.0
    costs: Costs = field(default_factory=Costs)


@dataclass
class LabRun:
    """A finished run: the simulator (its trace), the nodes, and every read after a write."""

    strategy: Strategy
    sim: Simulator
    bank: LabBank
    write: WriteSide
    read: ReadSide
    reads: list[ReadAfterWrite]


def run_lab(seed: int, strategy: Strategy, setup: LabSetup) -> LabRun:
    """Run ``setup`` under one read strategy.

    Raises:
        Week4Error: An unknown strategy or lag, or a count below 1.
    """
    if strategy not in {"async", "wait-for-position", "inline", "write-model"}:
        raise Week4Error(f"unknown strategy {strategy!r}")
    if setup.users < 1 or setup.ops < 1:
        raise Week4Error(f"users and ops must be >= 1, got {setup.users} and {setup.ops}")
    sim = Simulator(seed)
    bank, ledger = LabBank(inline=strategy == "inline"), Ledger()
    net = Network(sim, Link(latency=Constant(setup.link_ms)))
    write = WriteSide(bank, ledger, setup.costs, notify=() if strategy == "inline" else ("read",))
    read = ReadSide(bank, ledger, setup.costs)
    users = [
        User(f"u{i}", strategy, setup.ops, setup.think_ms, sim.rng(f"user/u{i}"))
        for i in range(1, setup.users + 1)
    ]
    net.add(*users, write, read)
    net.set_link(
        "write", "read", Link(latency=lag_distribution(setup.lag, setup.lag_ms)), both_ways=False
    )
    for user in users:
        ledger.appended(bank.open(user.id, user.id), 0.0)
    bank.catch_up(bank.head)
    for user in users:
        user.start()
    sim.run()
    stale = {**read.staleness, **write.staleness}
    reads = [replace(r, staleness=stale.get(r.query_id, 0.0)) for user in users for r in user.done]
    return LabRun(strategy, sim, bank, write, read, reads)


@dataclass(frozen=True)
class LabSummary:
    """One strategy's figures (times in ms of virtual time, rates between 0 and 1).

    Attributes:
        strategy: The read strategy.
        reads: Reads made right after a write.
        not_yet: Reads answered "not yet" (wait-for-position's timeout).
        missed: Answered reads that did not show the reader's own write.
        failure_rate: ``missed`` over the answered reads.
        staleness_p50: Median staleness of the answered reads.
        staleness_p99: 99th percentile staleness.
        staleness_max: The largest staleness.
        latency_p50: Median time from sending the command to the read's answer.
        latency_p99: Its 99th percentile.
        write_side_requests: Requests the write side served (commands and queries).
        write_side_busy_ms: Service time the write side spent.
        command_p99: 99th percentile of a command's own round trip.
    """

    strategy: str
    reads: int
    not_yet: int
    missed: int
    failure_rate: float
    staleness_p50: float
    staleness_p99: float
    staleness_max: float
    latency_p50: float
    latency_p99: float
    write_side_requests: int
    write_side_busy_ms: float
    command_p99: float


def _ms(value: float) -> float:
    return round(value, 1)


def summarize(run: LabRun) -> LabSummary:
    """The figures of one run."""
    answered = [r for r in run.reads if r.seen is not None]
    missed = sum(1 for r in answered if not r.fresh)
    stale = [r.staleness for r in answered] or [0.0]
    latency = [r.latency for r in run.reads]
    commands = [r.written_at - r.sent_at for r in run.reads]
    return LabSummary(
        run.strategy,
        len(run.reads),
        len(run.reads) - len(answered),
        missed,
        missed / len(answered) if answered else 0.0,
        _ms(percentile(stale, 50)),
        _ms(percentile(stale, 99)),
        _ms(max(stale)),
        _ms(percentile(latency, 50)),
        _ms(percentile(latency, 99)),
        sum(run.write.served.values()),
        _ms(run.write.busy_ms),
        _ms(percentile(commands, 99)),
    )
