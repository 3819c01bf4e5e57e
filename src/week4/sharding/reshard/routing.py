"""What a reshard needs from a routing strategy, and the shards' directory.

Any object with a ``name``, its ``shards``, ``shard_for(key)`` and ``with_shards(names)``
will do: every strategy of :mod:`week4.sharding` has them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from week4.sharding.reshard.control import ControlStore, ReshardError
from week4.sharding.reshard.shard_store import ShardStore

_SHARD_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class Routing(Protocol):
    """The part of a sharding strategy that a reshard uses."""

    @property
    def name(self) -> str:
        """The strategy's name (``"ring"``)."""
        ...

    @property
    def shards(self) -> tuple[str, ...]:
        """The shards it routes to."""
        ...

    def shard_for(self, key: str) -> str:
        """The shard that owns ``key``."""
        ...

    def with_shards(self, shards: Sequence[str]) -> Routing:
        """The same strategy (same options) over other shards."""
        ...


def check_shard_names(shards: Sequence[str]) -> tuple[str, ...]:
    """Refuse an empty list, duplicates, or names unfit for a file name (one-line errors)."""
    names = tuple(shards)
    if not names:
        raise ReshardError("shards must name at least 1 shard, got none")
    bad = [n for n in names if not _SHARD_NAME.match(n)]
    if bad:
        raise ReshardError(
            f"shard names must be 1 to 64 letters, digits, '_' or '-', got {bad[0]!r}"
        )
    if len(set(names)) != len(names):
        raise ReshardError(f"shard names must be unique, got {list(names)}")
    return names


class Cluster:
    """The shard stores and the control store of one sharded table, in a folder or in memory.

    Args:
        strategy: The routing strategy; its shards are the first serving shards. When the
            folder already holds a cluster, its recorded shard list wins (after a reshard).
        directory: The folder of the SQLite files (``control.db``, ``shard-<name>.db``), or
            None to keep everything in memory.

    Raises:
        ReshardError: the folder holds a cluster routed by another strategy.
    """

    def __init__(self, strategy: Routing, directory: Path | None = None) -> None:
        self.directory = directory
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        self.control = ControlStore(directory / "control.db" if directory else None)
        self._stores: dict[str, ShardStore] = {}
        self._routings: dict[tuple[str, ...], Routing] = {}
        recorded = self.control.cluster()
        if recorded is None:
            self.control.set_cluster(strategy.name, check_shard_names(strategy.shards))
        elif recorded[0] != strategy.name:
            self.control.close()
            raise ReshardError(
                f"the cluster in {directory} is routed by {recorded[0]!r}, not {strategy.name!r}"
            )
        self.base = strategy

    def serving(self) -> tuple[str, ...]:
        """The shards that serve traffic when no migration runs."""
        recorded = self.control.cluster()
        assert recorded is not None
        return recorded[1]

    def routing(self, shards: Sequence[str] | None = None) -> Routing:
        """The strategy over ``shards`` (the serving shards by default)."""
        names = tuple(shards if shards is not None else self.serving())
        routing = self._routings.get(names)
        if routing is None:  # building a ring or a Maglev table is costly: once per list
            routing = self._routings[names] = self.base.with_shards(list(names))
        return routing

    def store(self, name: str) -> ShardStore:
        """The store of shard ``name``, opened (and created) on first use."""
        store = self._stores.get(name)
        if store is None:
            path = self.directory / f"shard-{name}.db" if self.directory else None
            store = ShardStore(name, path)
            self._stores[name] = store
        return store

    def known_shards(self) -> tuple[str, ...]:
        """Every shard this cluster has served or migrated to, sorted."""
        names = set(self.serving())
        for record in self.control.migrations():
            names.update(record.source)
            names.update(record.target)
        return tuple(sorted(names))

    def close(self) -> None:
        """Close every connection."""
        for store in self._stores.values():
            store.close()
        self._stores.clear()
        self.control.close()
