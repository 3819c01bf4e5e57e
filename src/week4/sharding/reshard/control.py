"""The control table: the cluster's shard list and each migration's state, in SQLite.

A migration is a state machine whose whole state (its phase, cursors, change-log positions
and counters) is one row, rewritten in the same transaction that ends each step. A process
killed at any point restarts from the last committed row; every step is idempotent, so
redoing the step that was cut short is harmless. This is how Vitess keeps a VReplication
stream's position in ``_vt.vreplication`` and how Citus records shard moves in its catalog.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from week4.errors import Week4Error

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cluster ("
    " id INTEGER PRIMARY KEY CHECK (id = 1), strategy TEXT NOT NULL, shards TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS migrations ("
    " id INTEGER PRIMARY KEY, strategy TEXT NOT NULL, source TEXT NOT NULL,"
    " target TEXT NOT NULL, phase TEXT NOT NULL, progress TEXT NOT NULL,"
    " steps INTEGER NOT NULL)",
)


class ReshardError(Week4Error):
    """A reshard was asked for something impossible (a second migration, a bad shard list)."""


class Phase(StrEnum):
    """The phases of a migration, in order."""

    PLANNED = "planned"
    COPYING = "copying"
    CATCHING_UP = "catching up"
    CLEANING_UP = "cleaning up"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    """Where a migration stands inside its phase, and what it has done so far.

    Attributes:
        copy_cursor: Per source shard, the last key copied (None: not started).
        copy_done: The source shards whose copy is finished.
        log_start: Per source shard, the change-log position when the copy began.
        log_applied: Per source shard, the last change-log entry replayed.
        clean_cursor: Per source shard, the last key whose moved row was deleted.
        clean_done: The source shards that are clean.
        copied: Rows written by the copy.
        replayed: Change-log entries replayed (keys that moved re-mirrored).
        catch_up_steps: Catch-up steps taken (the cut-over comes after 20 at most).
        moved: Rows that changed shard, counted at the cut-over.
        deleted: Moved rows deleted from their old shard by the clean-up.
    """

    copy_cursor: dict[str, str | None] = field(default_factory=dict)
    copy_done: tuple[str, ...] = ()
    log_start: dict[str, int] = field(default_factory=dict)
    log_applied: dict[str, int] = field(default_factory=dict)
    clean_cursor: dict[str, str | None] = field(default_factory=dict)
    clean_done: tuple[str, ...] = ()
    copied: int = 0
    replayed: int = 0
    catch_up_steps: int = 0
    moved: int = 0
    deleted: int = 0

    def to_json(self) -> str:
        """The progress as JSON (sorted keys)."""
        data = {**self.__dict__, "copy_done": list(self.copy_done)}
        data["clean_done"] = list(self.clean_done)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Progress:
        """Read progress written by :meth:`to_json`."""
        data: dict[str, Any] = json.loads(text)
        data["copy_done"] = tuple(data["copy_done"])
        data["clean_done"] = tuple(data["clean_done"])
        return cls(**data)

    def but(self, **changes: Any) -> Progress:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


@dataclass(frozen=True)
class MigrationRecord:
    """One migration as persisted: from which shards to which, its phase and progress."""

    id: int
    strategy: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    phase: Phase
    progress: Progress
    steps: int


class ControlStore:
    """The control database: the cluster's shards and its migrations.

    Args:
        path: The SQLite file, or None for an in-memory database.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._conn = sqlite3.connect(":memory:" if path is None else str(path))
        if path is not None:  # a commit survives the process being killed (not power loss)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        with self._conn:
            for statement in _SCHEMA:
                self._conn.execute(statement)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def cluster(self) -> tuple[str, tuple[str, ...]] | None:
        """The strategy's name and the shards that serve traffic, or None before setup."""
        row = self._conn.execute("SELECT strategy, shards FROM cluster").fetchone()
        return (row[0], tuple(json.loads(row[1]))) if row is not None else None

    def set_cluster(self, strategy: str, shards: tuple[str, ...]) -> None:
        """Record the cluster's strategy and shards (first setup)."""
        with self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO cluster (id, strategy, shards) VALUES (1, ?, ?)",
                (strategy, json.dumps(list(shards))),
            )

    def active(self) -> MigrationRecord | None:
        """The migration not yet done, if any."""
        row = self._conn.execute(
            "SELECT id, strategy, source, target, phase, progress, steps FROM migrations"
            " WHERE phase != ? ORDER BY id",
            (Phase.DONE.value,),
        ).fetchone()
        return _record(row) if row is not None else None

    def migrations(self) -> list[MigrationRecord]:
        """Every migration, oldest first."""
        rows = self._conn.execute(
            "SELECT id, strategy, source, target, phase, progress, steps FROM migrations"
            " ORDER BY id"
        )
        return [_record(r) for r in rows]

    def start(self, strategy: str, source: tuple[str, ...], target: tuple[str, ...]) -> int:
        """Insert a planned migration; refuse when one is already running."""
        if self.active() is not None:
            raise ReshardError("a migration is already running: resume it first")
        with self._conn:
            cursor = self._conn.execute(
                "INSERT INTO migrations (strategy, source, target, phase, progress, steps)"
                " VALUES (?, ?, ?, ?, ?, 0)",
                (
                    strategy,
                    json.dumps(list(source)),
                    json.dumps(list(target)),
                    Phase.PLANNED.value,
                    Progress().to_json(),
                ),
            )
        return int(cursor.lastrowid or 0)

    def save(self, record: MigrationRecord) -> None:
        """Commit a step: the new phase and progress (and the shard list once done)."""
        with self._conn:
            self._conn.execute(
                "UPDATE migrations SET phase = ?, progress = ?, steps = ? WHERE id = ?",
                (record.phase.value, record.progress.to_json(), record.steps, record.id),
            )
            if record.phase is Phase.DONE:
                self._conn.execute(
                    "UPDATE cluster SET shards = ? WHERE id = 1", (json.dumps(list(record.target)),)
                )


def _record(row: tuple[Any, ...]) -> MigrationRecord:
    ident, strategy, source, target, phase, progress, steps = row
    return MigrationRecord(
        ident,
        strategy,
        tuple(json.loads(source)),
        tuple(json.loads(target)),
        Phase(phase),
        Progress.from_json(progress),
        steps,
    )
