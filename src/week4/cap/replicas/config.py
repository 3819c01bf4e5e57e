"""The knobs of one run of the replicated register (:func:`week4.cap.replicas.cluster.run_mode`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from week4.cap.replicas.faults import Partition
from week4.errors import ParameterError

Mode = Literal["cp", "ap", "quorum", "ca"]
MODES: tuple[str, ...] = get_args(Mode)


@dataclass(frozen=True)
class CapConfig:
    """Everything a run depends on besides its mode and seed (times in virtual ms).

    Attributes:
        nodes: Replicas (N).
        clients: Clients, spread evenly over the replicas (see :func:`cluster.spread`).
        keys: How many keys the clients touch (``x``, ``y``, ...).
        latency: Mean one-way latency between replicas (uniform, ±50%).
        tail: When True, latency between replicas is half fixed, half an exponential tail
            of the same mean (stragglers, as on a loaded network).
        client_latency: One-way latency between a client and its own replica.
        timeout: How long a client waits for a reply.
        think: The range of a client's pause between operations.
        duration: Clients invoke no operation after this time.
        settle: How long the run goes on after ``duration`` (replicas catch up).
        max_ops: Operations per client, at most.
        partitions: A scripted schedule of partitions.
        random_partitions: When True, a seeded random schedule replaces ``partitions``.
        r: Quorum mode: answers a read waits for (0: a majority).
        w: Quorum mode: acknowledgements a write waits for (0: a majority).
        skew: Each replica's physical clock is off by up to this much (uniform ±skew).
        clock: ``hlc`` or ``lamport``: the clock that stamps AP and quorum writes.
        anti_entropy: AP and quorum modes: ms between anti-entropy exchanges (0: none).
        failover: CA mode: a follower takes over after this long without the leader (None:
            never; it blocks instead).
        heartbeat: CP and CA modes: ms between heartbeats.
        election_timeout: CP mode: the range of the randomised election timeout.
    """

    nodes: int = 3
    clients: int = 3
    keys: int = 1
    latency: float = 5.0
    tail: bool = False
    client_latency: float = 1.0
    timeout: float = 100.0
    think: tuple[float, float] = (10.0, 40.0)
    duration: float = 1000.0
    settle: float = 200.0
    max_ops: int = 40
    partitions: tuple[Partition, ...] = ()
    random_partitions: bool = False
    r: int = 0
    w: int = 0
    skew: float = 0.0
    clock: str = "hlc"
    anti_entropy: float = 50.0
    failover: float | None = 60.0
    heartbeat: float = 10.0
    election_timeout: tuple[float, float] = (50.0, 100.0)

    def quorums(self) -> tuple[int, int]:
        """The effective (R, W)."""
        majority = self.nodes // 2 + 1
        return (self.r or majority, self.w or majority)

    def validate(self, mode: str) -> None:
        """Raise a one-line :class:`ParameterError` for any value out of range."""
        if mode not in MODES:
            raise ParameterError(f"invalid mode {mode!r}: expected one of {', '.join(MODES)}")
        checks = [
            ("nodes", self.nodes, 1, 9),
            ("clients", self.clients, 1, 20),
            ("keys", self.keys, 1, 26),
            ("r", self.r, 0, self.nodes),
            ("w", self.w, 0, self.nodes),
        ]
        for name, value, low, high in checks:
            if not low <= value <= high:
                raise ParameterError(
                    f"invalid value {value} for {name}: expected an integer from {low} to {high}"
                )
        if self.clock not in ("hlc", "lamport"):
            raise ParameterError(f"invalid clock {self.clock!r}: expected hlc or lamport")
        if self.latency < 0 or self.timeout <= 0 or self.duration <= 0:
            raise ParameterError("latency must be >= 0, timeout and duration > 0")
