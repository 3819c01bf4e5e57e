"""Live resharding of real rows: copy, dual write, cut over, clean up, resumable at every step.

Rows ``(key, value, version)`` live in one SQLite file per shard. A
:class:`~week4.sharding.reshard.migration.Migration` moves the rows whose shard changes when
the shard list changes, while a :class:`~week4.sharding.reshard.table.ShardedTable` keeps
serving reads and writes; its state is one row of a control table, committed with every step.

Examples:
    >>> from week4.sharding.reshard import Cluster, Migration, ShardedTable, audit
    >>> class Modulo:  # any strategy of week4.sharding will do
    ...     name = "modulo"
    ...     def __init__(self, shards): self.shards = tuple(shards)
    ...     def shard_for(self, key): return self.shards[int(key[1:]) % len(self.shards)]
    ...     def with_shards(self, shards): return Modulo(shards)
    >>> cluster = Cluster(Modulo(["a", "b"]))
    >>> table = ShardedTable(cluster)
    >>> for i in range(10):
    ...     _ = table.put(f"k{i}", i)
    >>> migration = Migration.begin(cluster, ["a", "b", "c"])
    >>> _ = migration.run()
    >>> migration.progress.moved, table.scatter_gather().total, audit(cluster).clean
    (6, 45, True)
    >>> cluster.close()
"""

from week4.sharding.reshard.audit import Audit, audit
from week4.sharding.reshard.control import (
    ControlStore,
    MigrationRecord,
    Phase,
    Progress,
    ReshardError,
)
from week4.sharding.reshard.faults import Faults, SimulatedCrash
from week4.sharding.reshard.live import live_reshard
from week4.sharding.reshard.migration import Migration
from week4.sharding.reshard.routing import Cluster, Routing, check_shard_names
from week4.sharding.reshard.runs import LiveRun, Moved
from week4.sharding.reshard.shard_store import Row, ShardStore
from week4.sharding.reshard.table import ShardedTable, Totals, TrafficCounts

__all__ = [
    "Audit",
    "Cluster",
    "ControlStore",
    "Faults",
    "LiveRun",
    "Migration",
    "MigrationRecord",
    "Moved",
    "Phase",
    "Progress",
    "ReshardError",
    "Routing",
    "Row",
    "ShardStore",
    "ShardedTable",
    "SimulatedCrash",
    "Totals",
    "TrafficCounts",
    "audit",
    "check_shard_names",
    "live_reshard",
]
