"""Terms, pre-votes and votes: how the CP mode's replicas agree on one leader per term.

This is Raft's leader election (Ongaro & Ousterhout, "In Search of an Understandable
Consensus Algorithm", USENIX ATC 2014, section 5.2) with the pre-vote phase of Ongaro's
thesis ("Consensus: Bridging Theory and Practice", 2014, section 9.6):

- A follower that has heard nothing from a leader for a randomised election timeout asks
  its peers for *pre-votes* for the next term. A peer grants one only if it has not heard
  from a leader for an election timeout itself and the candidate's position is at least its
  own; nothing changes state. So a replica cut off by a partition cannot win, and it does
  not bump its term either, so it does not depose the healthy leader when the network heals.
- With a majority of pre-votes it starts a real election: a new term, its own vote, and a
  vote request to everyone. A replica votes at most once per term, and only for a candidate
  whose position ``(term, index)`` is at least its own (the election restriction), which
  keeps every committed operation in the new leader's state.
- Any message with a higher term turns a leader or candidate back into a follower.

The replication side (:class:`week4.cap.replicas.cp.CpReplica`) supplies :meth:`Elections._follow`
(step down) and :meth:`Elections._lead` (take over).
"""

from __future__ import annotations

import random

from week4.cap.replicas.cp_messages import Pos, Vote, VoteRequest
from week4.cap.replicas.messages import Replica


class Elections(Replica):
    """The election half of a CP replica: term, role, vote, and the election timer.

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
        rng: Its random stream (election timeouts).
        leader: The leader of term 1 (every node starts knowing it).
        election_timeout: The range of the randomised election timeout (ms).
    """

    def __init__(
        self,
        node_id: str,
        peers: list[str],
        rng: random.Random,
        *,
        leader: str,
        election_timeout: tuple[float, float],
    ) -> None:
        super().__init__(node_id, peers)
        self.rng = rng
        self.election_timeout = election_timeout
        self.term = 1
        self.role = "leader" if leader == node_id else "follower"
        self.leader: str | None = leader
        self.voted_for: str | None = leader
        self.pos: Pos = (0, 0)
        self.heard = 0.0
        self.deadline = 0.0
        self.votes: set[str] = set()
        self.prevotes: set[str] = set()

    def _follow(self, term: int, leader: str | None) -> None:
        """Become a follower of ``leader`` (None: unknown) in ``term`` or a later one."""
        raise NotImplementedError

    def _lead(self) -> None:
        """Called once this replica has won the election of its term."""
        raise NotImplementedError

    def _reset_deadline(self) -> None:
        self.deadline = self.now + self.rng.uniform(*self.election_timeout)

    def _campaign(self, *, pre: bool) -> None:
        self._reset_deadline()
        if pre:
            self.prevotes = {self.id}
        else:
            self.term += 1
            self.role, self.leader, self.voted_for = "candidate", None, self.id
            self.votes = {self.id}
            self.log_state(f"candidate for term {self.term}")
        request = VoteRequest(self.term + (1 if pre else 0), self.pos, pre)
        for peer in self.peers:
            self.send(peer, request)
        self._count_votes(pre=pre)

    def _on_vote_request(self, src: str, message: VoteRequest) -> None:
        if message.pre:
            granted = (
                self.role != "leader"
                and self.now - self.heard >= self.election_timeout[0]
                and message.term > self.term
                and message.pos >= self.pos
            )
            self.send(src, Vote(message.term, granted, pre=True))
            return
        if message.term > self.term:
            self._follow(message.term, None)
        granted = (
            message.term == self.term and self.voted_for in (None, src) and message.pos >= self.pos
        )
        if granted:
            self.voted_for = src
            self._reset_deadline()
        self.send(src, Vote(self.term, granted, pre=False))

    def _on_vote(self, src: str, message: Vote) -> None:
        if message.pre:
            if message.granted and message.term == self.term + 1 and self.role != "leader":
                self.prevotes.add(src)
                self._count_votes(pre=True)
        elif message.term > self.term:
            self._follow(message.term, None)
        elif message.granted and self.role == "candidate" and message.term == self.term:
            self.votes.add(src)
            self._count_votes(pre=False)

    def _count_votes(self, *, pre: bool) -> None:
        if len(self.prevotes if pre else self.votes) < self.majority:
            return
        if pre:
            self.prevotes = set()
            self._campaign(pre=False)
            return
        self.role, self.leader = "leader", self.id
        self.log_state(f"leader of term {self.term}")
        self._lead()
