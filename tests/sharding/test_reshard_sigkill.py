"""A real process killed with SIGKILL mid-migration, again and again, loses and duplicates nothing.

The child increments counters through the sharded table and steps a grow-then-shrink
migration, printing a line after every committed write and step; the parent reads those lines
(no sleeping: it waits on the pipe) and kills the child after a random number of them.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from week4.sharding.reshard import Cluster, ShardedTable, audit

CHILD = textwrap.dedent(
    """
    import random, sys
    from pathlib import Path
    from week4.sharding.reshard import Cluster, Migration, ShardedTable

    class Modulo:
        name = "modulo"
        def __init__(self, shards): self.shards = tuple(shards)
        def shard_for(self, key): return self.shards[int(key[1:]) % len(self.shards)]
        def with_shards(self, shards): return Modulo(shards)

    KEYS, PLAN = 300, (["s0", "s1", "s2", "s3"], ["s0", "s1", "s2"])
    cluster = Cluster(Modulo(PLAN[1]), Path(sys.argv[1]))
    table = ShardedTable(cluster)
    rng = random.Random(int(sys.argv[2]))
    if not cluster.control.migrations() and cluster.store("s2").count() < KEYS // 3:
        for i in range(KEYS):
            if table.get(f"k{i}") is None:
                table.put(f"k{i}", 0)
    print("loaded", flush=True)
    while True:
        migration = Migration.resume(cluster, batch=16)
        if migration is None:
            done = len(cluster.control.migrations())
            if done == len(PLAN):
                break
            migration = Migration.begin(cluster, PLAN[done], batch=16)
        for _ in range(3):
            table.add(f"k{rng.randrange(KEYS)}", 1)
            print("ack", flush=True)
        print("step", migration.step().value, flush=True)
    print("finished", flush=True)
    """
)


class Modulo:
    name = "modulo"

    def __init__(self, shards: tuple[str, ...] | list[str]) -> None:
        self.shards = tuple(shards)

    def shard_for(self, key: str) -> str:
        return self.shards[int(key[1:]) % len(self.shards)]

    def with_shards(self, shards: tuple[str, ...] | list[str]) -> Modulo:
        return Modulo(shards)


def run_child(folder: Path, attempt: int, budget: int, env: dict[str, str]) -> tuple[bool, int]:
    """Run the child until it finishes or has printed ``budget`` lines, then SIGKILL it.

    Returns:
        Whether it finished, and how many writes it acknowledged (read to the pipe's end).
    """
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(attempt)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "loaded\n"
        acks = 0
        for _ in range(budget):
            line = child.stdout.readline()
            acks += line == "ack\n"
            if line in ("finished\n", ""):
                assert child.wait(timeout=60) == 0
                return True, acks
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        return False, acks + child.stdout.read().count("ack\n")  # written before the kill


@pytest.mark.slow
def test_a_migration_killed_with_sigkill_many_times_resumes_without_loss(tmp_path: Path) -> None:
    rng = random.Random(20261130)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    acks = kills = 0
    for attempt in range(200):
        finished, written = run_child(tmp_path, attempt, rng.randint(1, 60), env)
        acks += written
        if finished:
            break
        kills += 1
    else:
        raise AssertionError("the migration never finished")
    assert kills >= 5, "too few kills to prove anything"

    cluster = Cluster(Modulo(["s0", "s1", "s2"]), tmp_path)
    assert cluster.serving() == ("s0", "s1", "s2")
    assert audit(cluster).clean
    totals = ShardedTable(cluster).scatter_gather()
    assert totals.rows == 300
    # Each kill may land after a commit and before its "ack" line: at most one write a kill.
    assert acks <= totals.total <= acks + kills
    rows = [row for s in ("s0", "s1", "s2") for row in cluster.store(s).rows()]
    assert all(row.value == row.version - 1 for row in rows)
    cluster.close()
