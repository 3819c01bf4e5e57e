"""The messages of the CP mode: Raft's AppendEntries and RequestVote, reduced to a register.

See :mod:`week4.cap.replicas.cp` for the protocol (Ongaro & Ousterhout 2014).
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.cap.replicas.messages import Value

#: A position in the (virtual) log: (term of the entry, index of the entry).
Pos = tuple[int, int]
#: A replica's whole state: (key, value) pairs, sorted.
State = tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class Replicate:
    """Leader to follower: the state at entry ``pos`` (Raft's AppendEntries; message)."""

    term: int
    pos: Pos
    state: State

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"replicate t{self.term} #{self.pos[1]}"


@dataclass(frozen=True)
class Ack:
    """Follower to leader: my term and the position I hold (message)."""

    term: int
    pos: Pos

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"ack t{self.term} #{self.pos[1]}"


@dataclass(frozen=True)
class VoteRequest:
    """A (pre-)candidate asks for a vote in ``term`` (message)."""

    term: int
    pos: Pos
    pre: bool

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"{'pre-vote' if self.pre else 'vote'}? t{self.term}"


@dataclass(frozen=True)
class Vote:
    """The answer to a :class:`VoteRequest` (message)."""

    term: int
    granted: bool
    pre: bool

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"{'pre-vote' if self.pre else 'vote'} {'yes' if self.granted else 'no'}"
