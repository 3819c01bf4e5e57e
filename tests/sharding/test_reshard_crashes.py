"""A crash at every crash point of a grow-then-shrink reshard resumes and loses nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from week4.sharding.reshard import live_reshard


class Modulo:
    name = "modulo"

    def __init__(self, shards: Sequence[str]) -> None:
        self.shards = tuple(shards)

    def shard_for(self, key: str) -> str:
        return self.shards[int(key[1:]) % len(self.shards)]

    def with_shards(self, shards: Sequence[str]) -> Modulo:
        return Modulo(shards)


PLAN = (("s0", "s1", "s2", "s3"), ("s0", "s1", "s2"))


def reshard(directory: Path | None, crash_at: int | None = None):  # type: ignore[no-untyped-def]
    return live_reshard(
        Modulo(PLAN[1]),
        PLAN,
        seed=3,
        rows=40,
        batch=10,
        step_every=3.0,
        directory=directory,
        crash_at=crash_at,
    )


def test_without_a_crash_the_live_reshard_is_clean_and_counts_its_crash_points(
    tmp_path: Path,
) -> None:
    run = reshard(tmp_path)
    assert run.crashes == 0
    assert run.audit is not None
    assert run.audit.clean
    assert run.after == run.expected_after
    assert run.check_failures == 0
    assert run.stale_reads == 0
    assert run.crash_points > 20
    assert [m.target for m in run.migrations] == [4, 3]
    assert run.dual_writes > 0, "no write landed during a catch-up: the test proves less"


def test_a_crash_at_every_point_in_turn_resumes_without_loss() -> None:
    """In memory: the migration object dies, and resumes from the committed control row."""
    points = reshard(None).crash_points
    labels = set()
    for k in range(points):
        run = reshard(None, crash_at=k)
        assert run.crashes == 1, k
        labels.update(e.split(": ", 2)[-1] for _, e in run.events if e.startswith("crash"))
        assert run.audit is not None
        assert run.audit.clean, (k, run.audit)
        assert run.after == run.expected_after, k
        assert run.check_failures == 0, k
        assert run.stale_reads == 0, k
    assert any("wrote shard" in label for label in labels)
    assert {label.split(":")[0] for label in labels} == {
        "planned",
        "copying",
        "catching up",
        "cleaning up",
    }


def test_with_files_every_twentieth_crash_point_reopens_the_files_and_resumes(
    tmp_path: Path,
) -> None:
    points = reshard(tmp_path / "clean").crash_points
    for k in range(0, points, 20):
        run = reshard(tmp_path / f"crash-{k}", crash_at=k)
        assert run.crashes == 1, k
        assert run.audit is not None
        assert run.audit.clean, (k, run.audit)
        assert run.after == run.expected_after, k
