"""Clients contending on one row with optimistic concurrency: the AWS backoff experiment.

Covers: Marc Brooker's simulation for "Exponential Backoff And Jitter" (AWS Architecture
Blog, 2015). One server holds a single row with a version number. Every client wants to
write the row exactly once: it reads the version, then writes conditionally on it; the
write succeeds only if no other write landed since the read. A client whose write lost
sleeps for its backoff strategy's wait and starts over with a fresh read.

Scenario: every client starts at time 0; each message takes a normally distributed delay
(mean 10 ms, standard deviation 2 ms, as in the article); the article's backoff starts at a
5 ms base and is capped at 2,000 ms. ``total_calls`` counts the writes the server handled
(the article's "calls"), ``completion_time`` is when the last client learned its write had
landed.

Runs on `Simulator` alone, without a `Network`: the
experiment needs only a delay per message, and a trace of every message of thousands of
runs would cost more than the runs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.resilience.retry.waits import Wait
from week4.sim.clock import Simulator
from week4.sim.latency import Latency, Normal

#: The article's network: a delay with mean 10 ms and standard deviation 2 ms.
ARTICLE_NETWORK = Normal(10.0, 2.0)


@dataclass(frozen=True)
class ContentionRun:
    """One finished run.

    Attributes:
        clients: How many clients contended.
        total_calls: Writes the server handled (won and lost).
        completion_time: Virtual time (ms) at which the last client learned it had won.
    """

    clients: int
    total_calls: int
    completion_time: float


class _Row:
    """The server's one row: a version that every successful write increments."""

    def __init__(self) -> None:
        self.version = 0
        self.writes = 0

    def write(self, read_version: int) -> bool:
        self.writes += 1
        if read_version != self.version:
            return False
        self.version += 1
        return True


class _Client:
    """A client that writes the row once: read, conditional write, back off on a loss."""

    def __init__(self, sim: Simulator, row: _Row, wait: Wait, net: Latency) -> None:
        self.sim = sim
        self.row = row
        self.wait = wait
        self.net = net
        self.net_rng = sim.rng("network")
        self.backoff_rng: random.Random = sim.rng("backoff")
        self.failures = 0
        self.previous_wait = 0.0
        self.done_at: float | None = None

    def _delay(self) -> float:
        return self.net.sample(self.net_rng)

    def start(self, extra: float = 0.0) -> None:
        # the read reaches the server after the network delay (plus any backoff first)
        self.sim.schedule(extra + self._delay(), self._read_at_server)

    def _read_at_server(self) -> None:
        version = self.row.version
        self.sim.schedule(self._delay(), lambda: self._got_version(version))

    def _got_version(self, version: int) -> None:
        self.sim.schedule(self._delay(), lambda: self._write_at_server(version))

    def _write_at_server(self, version: int) -> None:
        won = self.row.write(version)
        self.sim.schedule(self._delay(), lambda: self._got_answer(won))

    def _got_answer(self, won: bool) -> None:
        if won:
            self.done_at = self.sim.now
            return
        self.failures += 1
        pause = self.wait(self.failures, self.previous_wait, self.backoff_rng)
        self.previous_wait = pause
        self.start(pause)


def run_contention(
    seed: int, *, clients: int, wait: Wait, network: Latency = ARTICLE_NETWORK
) -> ContentionRun:
    """Run ``clients`` writers against one row until every one of them has written once.

    Args:
        seed: Seeds the network's delays (stream ``network``) and the waits (``backoff``).
        clients: How many clients start together at time 0.
        wait: The backoff strategy every client uses after a lost write.
        network: The one-way delay of every message.

    Returns:
        The writes the server handled and when the last client finished.
    """
    sim = Simulator(seed)
    row = _Row()
    everyone = [_Client(sim, row, wait, network) for _ in range(clients)]
    for client in everyone:
        client.start()
    sim.run()
    finished = max((c.done_at or 0.0) for c in everyone)
    return ContentionRun(clients, row.writes, finished)
