"""The client protocol that every replication mode speaks, and the shared replica base.

A client sends a :class:`Request` to the replica it is attached to and waits for a
:class:`Reply`. The operations are those of a compare-and-set register per key (Knossos's
``cas-register``): ``read``, ``write`` and ``cas``. How the replica answers (alone, with a
majority, after a quorum, through a leader) is what the modes in this package differ in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from week4.cap.checker.history import show
from week4.sim.node import Node

Fn = Literal["read", "write", "cas"]
Value = int | None
ReplyStatus = Literal["ok", "fail"]


@dataclass(frozen=True)
class Request:
    """A client's request (message).

    Attributes:
        op_id: The history's id of the operation (echoed in the reply).
        client: The client node that waits for the reply.
        f: ``read``, ``write`` or ``cas``.
        key: The register's key.
        value: The value written (``write``), the new value (``cas``).
        expected: The value a ``cas`` expects to find.
    """

    op_id: int
    client: str
    f: Fn
    key: str
    value: Value = None
    expected: Value = None

    @property
    def label(self) -> str:
        """Short label for diagrams; values as the histories print them (``nil`` for none)."""
        if self.f == "read":
            return f"read {self.key}"
        if self.f == "write":
            return f"write {self.key}={show(self.value)}"
        return f"cas {self.key} {show(self.expected)}->{show(self.value)}"


@dataclass(frozen=True)
class Reply:
    """A replica's answer to a :class:`Request` (message).

    Attributes:
        op_id: The operation it answers.
        status: ``ok`` (it took effect) or ``fail`` (it definitely did not).
        output: The value read, or True/False for a cas (False: another value was found).
        error: Why it failed, for a ``fail``.
    """

    op_id: int
    status: ReplyStatus
    output: object = None
    error: str = ""

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        if self.status == "fail":
            return f"fail #{self.op_id} ({self.error})"
        return f"ok #{self.op_id}" + ("" if self.output is None else f" {self.output}")


def apply(store: dict[str, Value], request: Request) -> tuple[dict[str, Value] | None, object]:
    """Run a request on a plain dict: the new store (None if unchanged) and the output.

    Examples:
        >>> apply({"x": 1}, Request(0, "c1", "cas", "x", value=2, expected=1))
        ({'x': 2}, True)
    """
    current = store.get(request.key)
    if request.f == "read":
        return None, current
    if request.f == "cas" and current != request.expected:
        return None, False
    changed = dict(store)
    changed[request.key] = request.value
    return changed, (True if request.f == "cas" else None)


class Replica(Node):
    """A replica of the key-value register: the base of every mode's node.

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
    """

    def __init__(self, node_id: str, peers: list[str]) -> None:
        super().__init__(node_id)
        self.peers = peers

    @property
    def cluster_size(self) -> int:
        """How many replicas there are, this one included."""
        return len(self.peers) + 1

    @property
    def majority(self) -> int:
        """The smallest majority of the replicas."""
        return self.cluster_size // 2 + 1

    def values(self) -> dict[str, Value]:
        """This replica's current value of every key (for convergence checks)."""
        raise NotImplementedError

    def start(self) -> None:
        """Start background work (heartbeats, anti-entropy); the default does nothing."""

    def reply(
        self, request: Request, status: ReplyStatus, output: object = None, error: str = ""
    ) -> None:
        """Answer a client's request."""
        self.send(request.client, Reply(request.op_id, status, output, error))
