"""A sharded table: reads and writes routed by the cluster's shards and its migration's phase.

Before the cut-over the old routing owns every key (during the catch-up a write to a moving
key is also written to its new shard: the dual write); from the cut-over on, the new routing
does. The phase is read from the control table on every operation, as Vitess's query routers
read the routing rules that ``SwitchTraffic`` rewrites.
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.sharding.reshard.control import Phase
from week4.sharding.reshard.routing import Cluster, Routing
from week4.sharding.reshard.shard_store import Row


@dataclass
class TrafficCounts:
    """What the table served.

    Attributes:
        reads: Reads served.
        writes: Writes (inserts, updates, deletes) acknowledged.
        dual_writes: Writes also written to a moving key's new shard.
    """

    reads: int = 0
    writes: int = 0
    dual_writes: int = 0


@dataclass(frozen=True)
class Totals:
    """The answer of a scatter-gather query: how many rows, and the sum of their values."""

    rows: int
    total: int


class ShardedTable:
    """Rows of ``(key, value, version)`` spread over a cluster's shards.

    Args:
        cluster: The cluster that stores the rows.
    """

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.counts = TrafficCounts()

    def routes(self) -> tuple[Routing, Routing | None]:
        """The routing that owns keys now, and the one dual writes also go to (or None)."""
        record = self.cluster.control.active()
        if record is None:
            return self.cluster.routing(), None
        if record.phase in (Phase.CLEANING_UP, Phase.DONE):
            return self.cluster.routing(record.target), None
        old = self.cluster.routing(record.source)
        if record.phase is Phase.CATCHING_UP:
            return old, self.cluster.routing(record.target)
        return old, None

    def get(self, key: str) -> Row | None:
        """The row under ``key``, read from the shard that owns it."""
        owner, _ = self.routes()
        self.counts.reads += 1
        return self.cluster.store(owner.shard_for(key)).get(key)

    def put(self, key: str, value: int) -> Row:
        """Insert or update ``key`` (its version goes up by one); return the stored row."""
        owner, mirror = self.routes()
        home = owner.shard_for(key)
        current = self.cluster.store(home).get(key)
        row = Row(key, value, current.version + 1 if current else 1)
        self.cluster.store(home).put(row)
        if mirror is not None and mirror.shard_for(key) != home:
            self.cluster.store(mirror.shard_for(key)).put(row)
            self.counts.dual_writes += 1
        self.counts.writes += 1
        return row

    def add(self, key: str, amount: int) -> Row:
        """Add ``amount`` to the value under ``key`` (0 when absent): a read-modify-write."""
        owner, _ = self.routes()
        current = self.cluster.store(owner.shard_for(key)).get(key)
        return self.put(key, (current.value if current else 0) + amount)

    def delete(self, key: str) -> bool:
        """Delete ``key``; True when it existed."""
        owner, mirror = self.routes()
        home = owner.shard_for(key)
        existed = self.cluster.store(home).delete(key)
        if mirror is not None and mirror.shard_for(key) != home:
            self.cluster.store(mirror.shard_for(key)).delete(key)
            self.counts.dual_writes += 1
        self.counts.writes += 1
        return existed

    def scatter_gather(self) -> Totals:
        """Count and sum over every shard, each counting only the keys it owns now.

        Mid-migration a key can sit on two shards (copied, not yet cleaned up); filtering by
        ownership is what keeps the answer right, as Citus skips orphaned shard placements.
        """
        owner, _ = self.routes()
        rows = total = 0
        for name in owner.shards:
            for row in self.cluster.store(name).rows():
                if owner.shard_for(row.key) == name:
                    rows += 1
                    total += row.value
        return Totals(rows, total)

    def naive_scatter_gather(self) -> Totals:
        """Count and sum every row of every shard file, owned or not (the pitfall)."""
        rows = total = 0
        for name in self.cluster.known_shards():
            for row in self.cluster.store(name).rows():
                rows += 1
                total += row.value
        return Totals(rows, total)
