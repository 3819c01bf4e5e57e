"""A migration moves exactly the rows whose shard changes, and loses none, under any traffic."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from week4.errors import Week4Error
from week4.sharding.reshard import (
    Cluster,
    Migration,
    Phase,
    ReshardError,
    ShardedTable,
    audit,
)


class Modulo:
    """The original scheme: the key's number modulo the shard count (test-local)."""

    name = "modulo"

    def __init__(self, shards: Sequence[str]) -> None:
        self.shards = tuple(shards)

    def shard_for(self, key: str) -> str:
        return self.shards[int(key[1:]) % len(self.shards)]

    def with_shards(self, shards: Sequence[str]) -> Modulo:
        return Modulo(shards)


def loaded(keys: int, shards: int, directory: Path | None = None) -> tuple[Cluster, ShardedTable]:
    cluster = Cluster(Modulo([f"s{i}" for i in range(shards)]), directory)
    table = ShardedTable(cluster)
    for i in range(keys):
        table.put(f"k{i}", i)
    return cluster, table


def test_growing_moves_exactly_the_rows_whose_shard_changes(tmp_path: Path) -> None:
    cluster, table = loaded(200, 4, tmp_path)
    before = table.scatter_gather()
    predicted = sum(1 for i in range(200) if i % 4 != i % 5)
    migration = Migration.begin(cluster, ["s0", "s1", "s2", "s3", "s4"], batch=16)
    migration.run()
    assert migration.progress.moved == predicted
    assert migration.progress.copied == predicted
    assert migration.progress.deleted == predicted
    assert table.scatter_gather() == before
    assert audit(cluster, {f"k{i}": (i, 1) for i in range(200)}).clean
    assert cluster.serving() == ("s0", "s1", "s2", "s3", "s4")
    cluster.close()


def test_shrinking_empties_the_removed_shard() -> None:
    cluster, table = loaded(120, 3)
    Migration.begin(cluster, ["s0", "s1"], batch=7).run()
    assert cluster.store("s2").count() == 0
    assert table.scatter_gather().rows == 120
    assert audit(cluster).clean
    cluster.close()


def test_writes_during_the_copy_reach_the_new_shard_through_the_change_log() -> None:
    cluster, table = loaded(50, 2)
    migration = Migration.begin(cluster, ["s0", "s1", "s2"], batch=5)
    migration.step()  # planned -> copying
    for _ in range(30):
        migration.step()
        if migration.phase is not Phase.COPYING:
            break
        table.add("k2", 100)  # k2 moves from s0 to s2
        table.delete("k5")
        table.put("k999", 7)
    migration.run()
    assert table.get("k2") is not None
    assert table.get("k5") is None
    assert cluster.store("s2").get("k2") == table.get("k2")
    assert audit(cluster).clean
    cluster.close()


def test_a_second_migration_or_a_bad_target_is_refused_in_one_line() -> None:
    cluster, _ = loaded(10, 2)
    with pytest.raises(ReshardError, match="already serving"):
        Migration.begin(cluster, ["s1", "s0"])
    with pytest.raises(Week4Error, match="at least 1 shard"):
        Migration.begin(cluster, [])
    with pytest.raises(Week4Error, match="unique"):
        Migration.begin(cluster, ["s0", "s0"])
    with pytest.raises(Week4Error, match="letters, digits"):
        Migration.begin(cluster, ["../etc"])
    Migration.begin(cluster, ["s0", "s1", "s2"])
    with pytest.raises(ReshardError, match="already running"):
        Migration.begin(cluster, ["s0"])
    cluster.close()


def test_a_folder_routed_by_another_strategy_is_refused(tmp_path: Path) -> None:
    loaded(3, 2, tmp_path)[0].close()

    class Other(Modulo):
        name = "other"

    with pytest.raises(ReshardError, match="routed by 'modulo'"):
        Cluster(Other(["s0"]), tmp_path)


operations = st.lists(
    st.tuples(st.sampled_from(["put", "add", "delete", "get", "step"]), st.integers(0, 60)),
    max_size=120,
)


@settings(max_examples=60)
@given(
    operations,
    st.integers(1, 4),
    st.integers(1, 5),
    st.integers(1, 12),
)
def test_any_writes_interleaved_with_a_reshard_leave_every_row_on_its_shard_once(
    ops: list[tuple[str, int]], before: int, after: int, batch: int
) -> None:
    if before == after:
        after += 1
    cluster, table = loaded(40, before)
    model = {f"k{i}": (i, 1) for i in range(40)}
    migration = Migration.begin(cluster, [f"s{i}" for i in range(after)], batch=batch)
    for op, n in ops:
        key = f"k{n}"
        if op == "step":
            migration.step()
        elif op == "get":
            row = table.get(key)
            assert (row.value, row.version) == model[key] if row else key not in model
        elif op == "delete":
            table.delete(key)
            model.pop(key, None)
        else:
            row = table.put(key, n) if op == "put" else table.add(key, n)
            model[key] = (row.value, row.version)
        assert table.scatter_gather().rows == len(model)
    migration.run()
    assert audit(cluster, model).clean
    cluster.close()
