"""A resumable migration of rows from one shard list to another, one committed step at a time.

The protocol (the order Vitess ``MoveTables`` and Citus shard moves follow):

1. **planned**: note every source shard's change-log position, then
2. **copying**: copy the rows whose shard changes, in key order, a batch a step, while
   traffic still reads and writes the old shards;
3. **catching up**: writes now go to both the old and the new owner (dual write), and the
   steps replay the change log since the copy began, so no write made during the copy is
   lost; when what is left fits in one batch (or after 20 catch-up steps, when writes come
   faster than the steps replay them), one step replays it, checks every moved row
   against its source (Vitess's VDiff) and **cuts over**: reads and writes follow the new
   shards from the next operation on;
4. **cleaning up**: delete the moved rows from their old shards, a batch a step;
5. **done**: the new shard list is the cluster's.

Every step ends by committing the migration's row in the control table, and every step can
be redone, so a crash anywhere (see :class:`~week4.sharding.reshard.faults.Faults`) is
followed by :meth:`Migration.resume` and loses nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from week4.sharding.reshard.control import MigrationRecord, Phase, Progress, ReshardError
from week4.sharding.reshard.faults import Faults
from week4.sharding.reshard.routing import Cluster, Routing, check_shard_names
from week4.sharding.reshard.shard_store import Row

#: Catch-up steps after which the cut-over replays whatever is left, however long (writes
#: that arrive faster than a step replays them would otherwise never let it cut over).
MAX_CATCH_UP_STEPS = 20


class Migration:
    """One migration of a cluster's rows, driven step by step.

    Build one with :meth:`begin` or :meth:`resume`.

    Args:
        cluster: The cluster whose rows move.
        record: The persisted migration.
        batch: Rows (or change-log entries) handled per step.
        faults: Crash points to pass (tests); none by default.
    """

    def __init__(
        self,
        cluster: Cluster,
        record: MigrationRecord,
        batch: int = 100,
        faults: Faults | None = None,
    ) -> None:
        if batch < 1:
            raise ReshardError(f"batch must be at least 1, got {batch}")
        self.cluster = cluster
        self.record = record
        self.batch = batch
        self.faults = faults if faults is not None else Faults()
        self.source: Routing = cluster.routing(record.source)
        self.target: Routing = cluster.routing(record.target)

    @classmethod
    def begin(
        cls, cluster: Cluster, target: Sequence[str], batch: int = 100, faults: Faults | None = None
    ) -> Migration:
        """Plan a migration of ``cluster`` to the shards ``target``.

        Raises:
            ReshardError: a migration is already running, or ``target`` is not a new list.
        """
        names = check_shard_names(target)
        source = cluster.serving()
        if set(names) == set(source):
            raise ReshardError(f"target shards {list(names)} are the shards already serving")
        ident = cluster.control.start(cluster.base.name, source, names)
        record = cluster.control.active()
        assert record is not None
        assert record.id == ident
        return cls(cluster, record, batch, faults)

    @classmethod
    def resume(
        cls, cluster: Cluster, batch: int = 100, faults: Faults | None = None
    ) -> Migration | None:
        """The migration left unfinished in ``cluster``'s control table, if any."""
        record = cluster.control.active()
        return cls(cluster, record, batch, faults) if record is not None else None

    @property
    def phase(self) -> Phase:
        """The committed phase."""
        return self.record.phase

    @property
    def progress(self) -> Progress:
        """The committed progress."""
        return self.record.progress

    def moves(self, key: str, shard: str) -> bool:
        """True when ``key``, stored on ``shard`` under the old routing, changes shard."""
        return self.target.shard_for(key) != shard

    def run(self) -> int:
        """Step until done; return the number of steps taken."""
        steps = 0
        while self.phase is not Phase.DONE:
            self.step()
            steps += 1
        return steps

    def step(self) -> Phase:
        """Do one step and commit it; return the phase it leaves the migration in."""
        handlers = {
            Phase.PLANNED: self._plan,
            Phase.COPYING: self._copy,
            Phase.CATCHING_UP: self._catch_up,
            Phase.CLEANING_UP: self._clean_up,
        }
        handler = handlers.get(self.phase)
        if handler is None:
            return self.phase
        phase, progress = handler(self.progress)
        self.faults.hit(f"{self.phase.value}: before commit")
        self.record = replace(
            self.record, phase=phase, progress=progress, steps=self.record.steps + 1
        )
        self.cluster.control.save(self.record)
        return phase

    def _plan(self, progress: Progress) -> tuple[Phase, Progress]:
        positions = {s: self.cluster.store(s).last_change() for s in self.record.source}
        for name in self.record.target:
            self.cluster.store(name)  # create the new shards' files
        return Phase.COPYING, progress.but(
            log_start=positions,
            log_applied=dict(positions),
            copy_cursor=dict.fromkeys(self.record.source),
            clean_cursor=dict.fromkeys(self.record.source),
        )

    def _copy(self, progress: Progress) -> tuple[Phase, Progress]:
        pending = [s for s in self.record.source if s not in progress.copy_done]
        if not pending:
            return Phase.CATCHING_UP, progress
        shard = pending[0]
        rows = self.cluster.store(shard).rows_after(progress.copy_cursor[shard], self.batch)
        if not rows:
            return Phase.COPYING, progress.but(copy_done=(*progress.copy_done, shard))
        moving = [r for r in rows if self.moves(r.key, shard)]
        self._mirror(moving, [])
        cursor = {**progress.copy_cursor, shard: rows[-1].key}
        return Phase.COPYING, progress.but(copy_cursor=cursor, copied=progress.copied + len(moving))

    def _catch_up(self, progress: Progress) -> tuple[Phase, Progress]:
        lag = {
            s: self.cluster.store(s).last_change() - progress.log_applied[s]
            for s in self.record.source
        }
        if sum(lag.values()) > self.batch and progress.catch_up_steps < MAX_CATCH_UP_STEPS:
            for shard in self.record.source:  # a batch from every source shard
                progress = self._replay(progress, shard, min(lag[shard], self.batch))
            return Phase.CATCHING_UP, progress.but(catch_up_steps=progress.catch_up_steps + 1)
        for shard in self.record.source:  # the last batch, then the cut-over, in one step
            progress = self._replay(progress, shard, lag[shard])
        return Phase.CLEANING_UP, progress.but(moved=self._verify())

    def _replay(self, progress: Progress, shard: str, limit: int) -> Progress:
        if limit <= 0:
            return progress
        store = self.cluster.store(shard)
        entries = store.changes_after(progress.log_applied[shard], limit)
        keys = sorted({k for _, k in entries if self.moves(k, shard)})
        present = store.get_many(keys)
        self._mirror(list(present.values()), [k for k in keys if k not in present])
        last = entries[-1][0] if entries else progress.log_applied[shard]
        applied = {**progress.log_applied, shard: last}
        return progress.but(log_applied=applied, replayed=progress.replayed + len(entries))

    def _mirror(self, rows: Sequence[Row], absent: Sequence[str]) -> None:
        by_target: dict[str, tuple[list[Row], list[str]]] = defaultdict(lambda: ([], []))
        for row in rows:
            by_target[self.target.shard_for(row.key)][0].append(row)
        for key in absent:
            by_target[self.target.shard_for(key)][1].append(key)
        for name in sorted(by_target):
            present, gone = by_target[name]
            self.cluster.store(name).mirror(present, gone)
            self.faults.hit(f"{self.phase.value}: wrote shard {name}")

    def _verify(self) -> int:
        """Check every moved row against its source (both ways); return how many moved."""
        moved = 0
        for shard in self.record.source:
            for row in self.cluster.store(shard).rows():
                if self.moves(row.key, shard):
                    moved += 1
                    copy = self.cluster.store(self.target.shard_for(row.key)).get(row.key)
                    if copy != row:
                        raise ReshardError(f"verification failed: {row} copied as {copy}")
        for name in self.record.target:
            for row in self.cluster.store(name).rows():
                owner = self.source.shard_for(row.key)
                if owner != name and self.cluster.store(owner).get(row.key) != row:
                    raise ReshardError(f"verification failed: {row} on {name} is not in {owner}")
        return moved

    def _clean_up(self, progress: Progress) -> tuple[Phase, Progress]:
        pending = [s for s in self.record.source if s not in progress.clean_done]
        if not pending:
            return Phase.DONE, progress
        shard = pending[0]
        store = self.cluster.store(shard)
        rows = store.rows_after(progress.clean_cursor[shard], self.batch)
        if not rows:
            return Phase.CLEANING_UP, progress.but(clean_done=(*progress.clean_done, shard))
        gone = store.delete_many([r.key for r in rows if self.moves(r.key, shard)])
        cursor = {**progress.clean_cursor, shard: rows[-1].key}
        return Phase.CLEANING_UP, progress.but(clean_cursor=cursor, deleted=progress.deleted + gone)
