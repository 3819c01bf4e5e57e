"""'CA': one leader, asynchronous replication, and no plan for partitions.

Gilbert & Lynch (2002) prove that no system stays both available and consistent when the
network partitions; a "CA" system is one that assumes partitions do not happen. Kleppmann
("A Critique of the CAP Theorem", 2015) and Abadi (2012) point out that the assumption does
not make partitions go away: when one happens anyway, the system must either stop answering
or give up consistency. This mode shows both, by running, not by assertion:

- The leader answers every write as soon as it has applied it and ships its log to the
  followers afterwards (asynchronous primary-backup, the default of many databases). Reads
  are served by the leader only, so without partitions every read is fresh.
- Followers forward their clients' requests to the leader and trust the network: cut off
  from it, they wait, and their clients time out. That is the *blocking* variant
  (``failover=False``).
- With ``failover`` set, a follower that has not heard from the leader for that long takes
  over (a new epoch) without asking anyone, because in a world without partitions a silent
  leader is a dead one. During a partition both sides then have a leader and both accept
  writes (split brain). When the partition heals, the leader of the higher epoch wins and
  the other replays its log: every write acknowledged on the losing side is rolled back,
  as MongoDB's rollback of unreplicated writes does. Those writes are *lost*.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.cap.replicas.messages import Replica, Request, Value, apply

LogEntry = tuple[str, Value]


@dataclass(frozen=True)
class Sync:
    """The leader's whole log, shipped to followers and as its heartbeat (message)."""

    epoch: int
    log: tuple[LogEntry, ...]

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"sync e{self.epoch} ({len(self.log)} writes)"


class CaReplica(Replica):
    """A replica of the 'CA' mode (see the module docstring).

    Args:
        node_id: This node's name.
        peers: The other replicas' names.
        leader: The leader of epoch 1.
        heartbeat: Milliseconds between the leader's syncs.
        failover: Take over after this many ms without a sync (None: never).
    """

    def __init__(
        self,
        node_id: str,
        peers: list[str],
        *,
        leader: str,
        heartbeat: float = 10.0,
        failover: float | None = None,
    ) -> None:
        super().__init__(node_id, peers)
        self.epoch = 1
        self.leader = leader
        self.heartbeat = heartbeat
        self.failover = failover
        self.log: list[LogEntry] = []
        self.store: dict[str, Value] = {}
        self.heard = 0.0
        self.rolled_back: list[LogEntry] = []

    @property
    def is_leader(self) -> bool:
        """True while this replica believes it is the leader."""
        return self.leader == self.id

    def values(self) -> dict[str, Value]:
        """The state this replica holds."""
        return dict(sorted(self.store.items()))

    def start(self) -> None:
        """Start the periodic tick (syncs for the leader, the failover check otherwise)."""
        self._tick()

    def _tick(self) -> None:
        if self.is_leader:
            self._sync()
        elif self.failover is not None and self.now - self.heard > self.failover:
            self.log_state(
                f"takes over as leader of epoch {self.epoch + 1}: "
                f"{self.leader} silent for {self.now - self.heard:.1f} ms"
            )
            self.epoch += 1
            self.leader = self.id
            self._sync()
        self.set_timer(self.heartbeat, self._tick)

    def _sync(self) -> None:
        message = Sync(self.epoch, tuple(self.log))
        for peer in self.peers:
            self.send(peer, message)

    def on_message(self, src: str, message: object) -> None:
        """Serve or forward a client request, or follow a leader's sync."""
        if isinstance(message, Request):
            if self.is_leader:
                self._serve(message)
            elif src == message.client:
                self.send(self.leader, message)
            else:
                self.reply(message, "fail", error="not leader")
        elif isinstance(message, Sync):
            current = (message.epoch, src) == (self.epoch, self.leader)
            if (current and len(message.log) >= len(self.log)) or (
                (message.epoch, src) > (self.epoch, self.leader)
            ):
                self._follow(src, message)

    def _serve(self, request: Request) -> None:
        changed, output = apply(self.store, request)
        if changed is not None:
            self.store = changed
            self.log.append((request.key, request.value))
        self.reply(request, "ok", output)
        if changed is not None:
            self._sync()

    def _follow(self, leader: str, sync: Sync) -> None:
        # Within an epoch the log only grows, so a shorter sync is an old one overtaken.
        if self.is_leader and leader != self.id:
            self.log_state(f"steps down: {leader} leads epoch {sync.epoch}")
        kept = set(sync.log)
        lost = [entry for entry in self.log if entry not in kept]
        if lost:
            self.rolled_back.extend(lost)
            self.log_state(f"rolls back {len(lost)} acknowledged write(s)")
        self.epoch, self.leader, self.heard = sync.epoch, leader, self.now
        self.log = list(sync.log)
        self.store = dict(self.log)
