"""After a reshard: is every row on the shard its key routes to, once, with the right value?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from week4.sharding.reshard.routing import Cluster


@dataclass(frozen=True)
class Audit:
    """What a scan of every shard file found.

    Attributes:
        rows: Rows stored, over every shard file.
        misplaced: Rows on a shard their key does not route to (stale copies included).
        duplicated: Keys stored more than once.
        lost: Expected keys found nowhere.
        unexpected: Keys stored that were not expected.
        wrong: Keys stored with another value or version than expected.
    """

    rows: int
    misplaced: int
    duplicated: int
    lost: int
    unexpected: int
    wrong: int

    @property
    def clean(self) -> bool:
        """True when nothing is misplaced, duplicated, lost, unexpected or wrong."""
        return not (self.misplaced or self.duplicated or self.lost or self.unexpected or self.wrong)


def audit(cluster: Cluster, expected: Mapping[str, tuple[int, int]] | None = None) -> Audit:
    """Scan every shard the cluster has known and compare with ``expected``.

    Args:
        cluster: The cluster, with no migration running.
        expected: ``key -> (value, version)`` as acknowledged to the clients, or None to
            check placement only.
    """
    routing = cluster.routing()
    seen: Counter[str] = Counter()
    stored: dict[str, tuple[int, int]] = {}
    misplaced = 0
    for name in cluster.known_shards():
        for row in cluster.store(name).rows():
            seen[row.key] += 1
            stored[row.key] = (row.value, row.version)
            if routing.shard_for(row.key) != name or name not in routing.shards:
                misplaced += 1
    duplicated = sum(1 for n in seen.values() if n > 1)
    if expected is None:
        return Audit(sum(seen.values()), misplaced, duplicated, 0, 0, 0)
    lost = sum(1 for k in expected if k not in stored)
    unexpected = sum(1 for k in stored if k not in expected)
    wrong = sum(1 for k, v in expected.items() if k in stored and stored[k] != v)
    return Audit(sum(seen.values()), misplaced, duplicated, lost, unexpected, wrong)
