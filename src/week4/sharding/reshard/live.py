"""A live reshard on the simulator: clients keep reading and writing while rows move.

Clients send one operation every ``op_every`` ms of virtual time (reads, read-modify-write
additions, overwrites, deletes, on keys drawn from the seed); the migration takes one step
every ``step_every`` ms. A crash can be injected at any crash point of the migration: the
process 'dies' there, the cluster is reopened from its files, and the migration resumes from
its committed row. Every acknowledged write is kept in a model, so the audit can tell lost,
duplicated or stale rows apart; a scatter-gather query is compared with the model along
the way.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from week4.sharding.reshard.audit import audit
from week4.sharding.reshard.control import Phase
from week4.sharding.reshard.faults import Faults, SimulatedCrash
from week4.sharding.reshard.migration import Migration
from week4.sharding.reshard.routing import Cluster, Routing
from week4.sharding.reshard.runs import LiveRun, Moved
from week4.sharding.reshard.shard_store import Row
from week4.sharding.reshard.table import ShardedTable, TrafficCounts
from week4.sim import Simulator


class _Clients:
    """Seeded clients and the model of what they were told."""

    def __init__(self, rng: random.Random, keyspace: int) -> None:
        self.rng = rng
        self.keyspace = keyspace
        self.model: dict[str, tuple[int, int]] = {}
        self.stale_reads = 0

    def key(self) -> str:
        return f"k{self.rng.randrange(self.keyspace):06d}"

    def act(self, table: ShardedTable) -> None:
        draw, key = self.rng.random(), self.key()
        if draw < 0.5:
            row = table.get(key)
            seen = (row.value, row.version) if row is not None else None
            self.stale_reads += seen != self.model.get(key)
        elif draw < 0.8:
            self.saw(table.add(key, self.rng.randint(1, 9)))
        elif draw < 0.93:
            self.saw(table.put(key, self.rng.randint(1, 100)))
        else:
            table.delete(key)
            self.model.pop(key, None)

    def saw(self, row: Row) -> None:
        self.model[row.key] = (row.value, row.version)

    def totals(self) -> tuple[int, int]:
        return len(self.model), sum(v for v, _ in self.model.values())


def live_reshard(
    strategy: Routing,
    plan: Sequence[Sequence[str]],
    *,
    seed: int,
    rows: int = 1000,
    batch: int = 100,
    op_every: float = 1.0,
    step_every: float = 5.0,
    directory: Path | None = None,
    crash_at: int | None = None,
    on_step: Callable[[Migration], None] | None = None,
) -> LiveRun:
    """Load ``rows`` rows, then migrate through every shard list of ``plan`` under traffic.

    Args:
        strategy: The routing strategy, over the first shards.
        plan: The shard lists to migrate to, in turn (grow to N+1, then shrink back).
        seed: Seeds the clients (the simulator's ``"clients"`` stream).
        rows: Rows loaded before the first migration (keys ``k000000``...).
        batch: Rows or change-log entries a migration step handles.
        op_every: Virtual milliseconds between two client operations.
        step_every: Virtual milliseconds between two migration steps.
        directory: The folder of the SQLite files, or None for memory.
        crash_at: The crash point (counted over the whole run, from 0) where the process
            dies once; the cluster is reopened and the migration resumed.
        on_step: Called after every committed step (the SIGKILL test reports progress).
    """
    sim = Simulator(seed)
    clients = _Clients(sim.rng("clients"), max(1, rows + rows // 4))
    cluster = Cluster(strategy, directory)
    table = ShardedTable(cluster)
    for i in range(rows):
        clients.saw(table.put(f"k{i:06d}", clients.rng.randint(1, 100)))
    table.counts = TrafficCounts()  # count the traffic during the migrations only
    run = LiveRun(before=_totals(table))
    faults = Faults(crash_at)
    state: dict[str, Any] = {"cluster": cluster, "table": table, "todo": list(plan), "m": None}

    def client_op() -> None:
        if state["todo"] or state["m"] is not None:
            clients.act(state["table"])
            sim.schedule(op_every, client_op)

    def migration_step() -> None:
        migration: Migration | None = state["m"]
        if migration is None:
            if not state["todo"]:
                return
            migration = Migration.begin(state["cluster"], state["todo"].pop(0), batch, faults)
            state["m"] = migration
            run.events.append((sim.now, f"migration {migration.record.id} starts"))
        try:
            before = migration.phase
            phase = migration.step()
        except SimulatedCrash as crash:
            run.crashes += 1
            run.events.append((sim.now, f"crash: {crash}"))
            migration = _reopen(state, strategy, directory, batch, faults)
            sim.schedule(step_every, migration_step)
            return
        _record(run, sim.now, migration, state["table"], clients, before, phase)
        if on_step is not None:
            on_step(migration)
        if phase is Phase.DONE:
            state["m"] = None
        sim.schedule(step_every, migration_step)

    sim.schedule(op_every, client_op)
    sim.schedule(step_every, migration_step)
    sim.run()
    final: ShardedTable = state["table"]
    run.after, run.expected_after = _totals(final), clients.totals()
    run.audit = audit(state["cluster"], clients.model)
    run.reads, run.writes = final.counts.reads, final.counts.writes
    run.dual_writes = final.counts.dual_writes
    run.stale_reads = clients.stale_reads
    run.crash_points = len(faults.passed)
    state["cluster"].close()
    return run


def _reopen(
    state: dict[str, Any], strategy: Routing, directory: Path | None, batch: int, faults: Faults
) -> Migration:
    """The process died: reopen the files (when there are any) and resume the migration."""
    faults.crash_at = None
    if directory is not None:
        old: ShardedTable = state["table"]
        state["cluster"].close()
        state["cluster"] = Cluster(strategy, directory)
        state["table"] = ShardedTable(state["cluster"])
        state["table"].counts = old.counts
    resumed = Migration.resume(state["cluster"], batch, faults)
    assert resumed is not None
    state["m"] = resumed
    return resumed


def _totals(table: ShardedTable) -> tuple[int, int]:
    totals = table.scatter_gather()
    return totals.rows, totals.total


def _record(  # noqa: PLR0917 (a private helper of live_reshard)
    run: LiveRun,
    now: float,
    migration: Migration,
    table: ShardedTable,
    clients: _Clients,
    before: Phase,
    phase: Phase,
) -> None:
    progress = migration.progress
    if phase is not before:
        label = "cut-over" if phase is Phase.CLEANING_UP else phase.value
        run.events.append((now, f"migration {migration.record.id}: {label}"))
        run.checks += 1
        expected = clients.totals()
        if _totals(table) != expected:
            run.check_failures += 1
        naive = table.naive_scatter_gather()
        if (naive.rows, naive.total) != expected:
            run.naive_wrong += 1
    if phase is Phase.CLEANING_UP and before is Phase.CATCHING_UP:
        old, new = len(migration.record.source), len(migration.record.target)
        rows = clients.totals()[0]
        ideal = abs(new - old) / max(old, new)
        run.migrations.append(Moved(old, new, rows, progress.moved, ideal))
    run.timeline.append(
        {
            "time": now,
            "migration": migration.record.id,
            "phase": phase.value,
            "copied": progress.copied,
            "replayed": progress.replayed,
            "moved": progress.moved,
            "deleted": progress.deleted,
            "writes": table.counts.writes,
            "dual writes": table.counts.dual_writes,
        }
    )
