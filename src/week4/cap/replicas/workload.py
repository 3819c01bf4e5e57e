"""What the clients ask for: a seeded mix of reads, writes and compare-and-sets.

Every value written is unique (a run-wide counter), as Jepsen's register workloads do: a read
then names the one write it saw, which is what lets a checker, or a person, tell a stale
read from a fresh one. A cas expects the last value its client saw for the key, so some
succeed and some find another value.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from week4.cap.replicas.messages import Fn, Value
from week4.errors import ParameterError


@dataclass(frozen=True)
class OpSpec:
    """One operation a client is about to invoke.

    Attributes:
        f: ``read``, ``write`` or ``cas``.
        key: The key.
        value: The value to write (``write``) or the new value (``cas``).
        expected: The value a ``cas`` expects.
    """

    f: Fn
    key: str
    value: Value = None
    expected: Value = None

    @property
    def input(self) -> object:
        """The operation's input as the history records it."""
        if self.f == "write":
            return self.value
        if self.f == "cas":
            return (self.expected, self.value)
        return None


@dataclass(frozen=True)
class Mix:
    """The shares of reads, writes and cas (they need not sum to 1).

    Attributes:
        read: Weight of reads.
        write: Weight of writes.
        cas: Weight of compare-and-sets (0 for Dynamo-style stores, which have none).
    """

    read: float = 0.5
    write: float = 0.35
    cas: float = 0.15

    def __post_init__(self) -> None:
        weights = (self.read, self.write, self.cas)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ParameterError(f"invalid operation mix {weights}: weights must be >= 0")


READ_WRITE = Mix(read=0.5, write=0.5, cas=0.0)


class Workload:
    """Draws operations for every client of one run.

    Args:
        keys: The keys the clients touch.
        mix: The shares of each operation.
    """

    def __init__(self, keys: tuple[str, ...] = ("x",), mix: Mix | None = None) -> None:
        if not keys:
            raise ParameterError("a workload needs at least one key")
        self.keys = keys
        self.mix = mix or Mix()
        self._counter = 0
        self._seen: dict[tuple[str, str], Value] = {}

    def next(self, client: str, rng: random.Random) -> OpSpec:
        """The next operation of ``client``, drawn from ``rng``."""
        key = self.keys[0] if len(self.keys) == 1 else rng.choice(self.keys)
        mix = self.mix
        f: Fn = rng.choices(("read", "write", "cas"), (mix.read, mix.write, mix.cas))[0]
        if f == "read":
            return OpSpec("read", key)
        self._counter += 1
        if f == "write":
            return OpSpec("write", key, self._counter)
        return OpSpec("cas", key, self._counter, self._seen.get((client, key)))

    def saw(self, client: str, key: str, value: Value) -> None:
        """Remember the last value ``client`` read or wrote for ``key`` (a cas expects it)."""
        self._seen[(client, key)] = value
