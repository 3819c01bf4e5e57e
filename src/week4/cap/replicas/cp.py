"""CP: a leader that commits every operation on a majority before it answers (Raft, simplified).

The design is Raft's (Ongaro & Ousterhout, "In Search of an Understandable Consensus
Algorithm", USENIX ATC 2014) with the log replaced by the state it leads to, which the
register's tiny state allows:

- One leader per *term* serialises the operations. Each one, reads included, becomes entry
  ``(term, index)``; the leader sends the resulting state to every follower and answers the
  client only once a majority holds it. Reads go through the log too (Raft section 8's
  simplest linearizable read; no leases, so no clock assumptions).
- A follower keeps the state with the largest position ``(term, index)``. Because a leader
  creates exactly one state per index and builds each on the last, a position names one
  state, just as Raft's log matching makes ``(term, index)`` name one log prefix.
- Elections: a follower that hears nothing from a leader for a randomised timeout first asks
  for *pre-votes* (Raft thesis, section 9.6), then for votes in a new term; a node votes once
  per term, and only for a candidate whose position is at least its own (Raft's election
  restriction, which keeps every committed operation in the new leader's state). A new leader
  commits an empty entry first, as Raft does. See :mod:`week4.cap.replicas.election`.
- A leader that has not heard from a majority for an election timeout steps down (Raft
  thesis, section 6.2, "check quorum"), so the minority side refuses at once instead of
  letting clients time out. Followers forward client requests to a leader they heard from
  recently and refuse them otherwise.

The minority side of a partition is therefore unavailable, which is the C-over-A choice of
Gilbert & Lynch's proof (Gilbert & Lynch, "Brewer's conjecture and the feasibility of
consistent, available, partition-tolerant web services", SIGACT News 2002).
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from week4.cap.replicas.cp_messages import Ack, Pos, Replicate, Vote, VoteRequest
from week4.cap.replicas.election import Elections
from week4.cap.replicas.messages import Request, Value, apply


@dataclass
class _Entry:
    request: Request | None  # None: the empty entry of a new leader
    output: object
    pos: Pos
    acks: set[str] = field(default_factory=set)


class CpReplica(Elections):
    """A replica of the CP mode (see the module docstring).

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
        rng: Its random stream (election timeouts).
        leader: The initial leader of term 1 (every node starts knowing it).
        heartbeat: Milliseconds between the leader's heartbeats (and every node's checks).
        election_timeout: The range of the randomised election timeout (ms).
    """

    def __init__(
        self,
        node_id: str,
        peers: list[str],
        rng: random.Random,
        *,
        leader: str,
        heartbeat: float = 10.0,
        election_timeout: tuple[float, float] = (50, 100),
    ) -> None:
        super().__init__(node_id, peers, rng, leader=leader, election_timeout=election_timeout)
        self.heartbeat = heartbeat
        self.store: dict[str, Value] = {}
        self.queue: deque[Request] = deque()
        self.inflight: _Entry | None = None
        self.acked_at = dict.fromkeys(peers, 0.0)

    def values(self) -> dict[str, Value]:
        """The state this replica holds."""
        return dict(self.store)

    def start(self) -> None:
        """Start the periodic tick (heartbeats for the leader, election checks otherwise)."""
        self._reset_deadline()
        self._tick()

    def _tick(self) -> None:
        if self.role == "leader":
            fresh = sum(
                1 for t in self.acked_at.values() if self.now - t < self.election_timeout[0]
            )
            if fresh + 1 < self.majority:
                self.log_state(f"steps down: no majority heard in term {self.term}")
                self._follow(self.term, None)
            else:
                self._broadcast()
        elif self.now >= self.deadline:
            self._campaign(pre=True)
        self.set_timer(self.heartbeat, self._tick)

    def _broadcast(self) -> None:
        message = Replicate(self.term, self.pos, tuple(sorted(self.store.items())))
        for peer in self.peers:
            self.send(peer, message)

    def _follow(self, term: int, leader: str | None) -> None:
        if term > self.term:
            self.term, self.voted_for = term, None
        if self.role == "leader":
            for request in self.queue:
                self.reply(request, "fail", error="not leader")
            self.queue.clear()
            self.inflight = None  # its client times out: the outcome is unknown
        self.role, self.leader = "follower", leader

    # -- client requests and replication ---------------------------------------------------
    def on_message(self, src: str, message: object) -> None:
        """Dispatch a client request or a protocol message."""
        if isinstance(message, Request):
            self._on_request(src, message)
        elif isinstance(message, Replicate):
            self._on_replicate(src, message)
        elif isinstance(message, Ack):
            self._on_ack(src, message)
        elif isinstance(message, VoteRequest):
            self._on_vote_request(src, message)
        elif isinstance(message, Vote):
            self._on_vote(src, message)

    def _on_request(self, src: str, request: Request) -> None:
        if self.role == "leader":
            self.queue.append(request)
            self._next()
        elif (
            src == request.client
            and self.leader
            and self.now - self.heard < self.election_timeout[0]
        ):
            self.send(self.leader, request)
        else:
            self.reply(request, "fail", error="no leader")

    def _next(self) -> None:
        if self.role == "leader" and self.inflight is None and self.queue:
            self._propose(self.queue.popleft())

    def _propose(self, request: Request | None) -> None:
        changed, output = apply(self.store, request) if request else (None, None)
        if changed is not None:
            self.store = changed
        self.pos = (self.term, self.pos[1] + 1)
        self.inflight = _Entry(request, output, self.pos, {self.id})
        self._broadcast()
        self._commit_if_majority()

    def _commit_if_majority(self) -> None:
        entry = self.inflight
        if entry is not None and len(entry.acks) >= self.majority:
            self.inflight = None
            if entry.request is not None:
                self.reply(entry.request, "ok", entry.output)
            self._next()

    def _on_replicate(self, src: str, message: Replicate) -> None:
        if message.term >= self.term:
            self._follow(message.term, src)
            self.heard = self.now
            self._reset_deadline()
            if message.pos > self.pos:
                self.pos, self.store = message.pos, dict(message.state)
        self.send(src, Ack(self.term, self.pos))

    def _on_ack(self, src: str, message: Ack) -> None:
        if message.term > self.term:
            self._follow(message.term, None)
        elif self.role == "leader" and message.term == self.term:
            self.acked_at[src] = self.now
            if self.inflight is not None and message.pos >= self.inflight.pos:
                self.inflight.acks.add(src)
                self._commit_if_majority()

    def _lead(self) -> None:
        """Won an election: commit an empty entry first, as Raft does."""
        self.acked_at = dict.fromkeys(self.peers, self.now)
        self._propose(None)
