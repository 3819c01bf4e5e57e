"""Where read models live: the contract of a read store, and its in-memory backend.

A read store is a :class:`~week4.event_sourcing.CheckpointStore` (the catch-up subscription
drives it unchanged) that also keeps the read models' tables and which *generation* of each
model is live, so a rebuild can fill generation ``g + 1`` while queries read ``g`` and swap
in one transaction (blue/green). Its transactions are real on both backends: the SQLite one
(:mod:`week4.cqrs.read.sqlite_store`) is an SQLite transaction on the event store's file, the
in-memory one keeps an undo log and rolls the tables, checkpoints and generations back when
the block raises. So a projection's writes and its checkpoint commit together, and a crash
mid-batch leaves nothing behind on either backend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol, TypeVar

from week4.cqrs.errors import ReadModelError

Tx = TypeVar("Tx")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")
_MISSING = object()


def check_model_name(name: object) -> str:
    """Return ``name`` if it can name a table (lower case, digits, ``_``; at most 41 chars)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ReadModelError(f"read model name must match [a-z][a-z0-9_]{{0,40}}, got {name!r}")
    return name


def table_name(model: str, generation: int) -> str:
    """The table of generation ``generation`` of ``model``: ``account_list_g1``."""
    return f"{model}_g{generation}"


def checkpoint_name(model: str, generation: int) -> str:
    """The checkpoint key of one generation of a model: ``account_list@1``."""
    return f"{model}@{generation}"


class ReadStore(Protocol[Tx]):
    """A checkpoint store that also holds read-model tables and their live generation."""

    transactional: bool

    def load(self, name: str) -> int:
        """The last position handled by checkpoint ``name`` (0: none yet)."""
        ...

    def transaction(self) -> AbstractContextManager[Tx]:
        """All or nothing: tables, checkpoints and generations commit together."""
        ...

    def save(self, tx: Tx, name: str, position: int) -> None:
        """Move ``name`` forward to ``position`` inside ``tx``; a save behind it is a no-op."""
        ...

    def generation(self, model: str) -> int:
        """The live generation of ``model`` (1 until a rebuild swaps another in)."""
        ...

    def set_generation(self, tx: Tx, model: str, generation: int) -> None:
        """Make ``generation`` the live one, inside ``tx`` (the blue/green swap)."""
        ...

    def snapshot(self) -> AbstractContextManager[Tx]:
        """A consistent view for a query: every read inside sees the same state."""
        ...


class MemoryTx:
    """A transaction on an :class:`InMemoryReadStore`: writes go in place, with an undo log."""

    def __init__(self, store: InMemoryReadStore) -> None:
        self.store = store
        self._undo: list[tuple[dict[Any, Any], Any, Any]] = []

    def put(self, table: str, key: Any, value: Any) -> None:
        """Set ``key`` to ``value`` in ``table``."""
        self._write(self.table(table), key, value)

    def delete(self, table: str, key: Any) -> None:
        """Remove ``key`` from ``table`` (no error when missing)."""
        self._write(self.table(table), key, _MISSING)

    def table(self, table: str) -> dict[Any, Any]:
        """The rows of ``table`` as they stand in this transaction."""
        try:
            return self.store.tables[table]
        except KeyError:
            raise ReadModelError(f"no read-model table {table!r}") from None

    def create_table(self, table: str) -> None:
        """Create ``table`` empty (no-op when it exists)."""
        if table not in self.store.tables:
            self._write(self.store.tables, table, {})

    def drop_table(self, table: str) -> None:
        """Drop ``table`` (no-op when missing)."""
        self._write(self.store.tables, table, _MISSING)

    def _write(self, mapping: dict[Any, Any], key: Any, value: Any) -> None:
        self._undo.append((mapping, key, mapping.get(key, _MISSING)))
        if value is _MISSING:
            mapping.pop(key, None)
        else:
            mapping[key] = value

    def rollback(self) -> None:
        """Undo every write, newest first."""
        for mapping, key, old in reversed(self._undo):
            if old is _MISSING:
                mapping.pop(key, None)
            else:
                mapping[key] = old
        self._undo.clear()


class InMemoryReadStore:
    """Read-model tables, checkpoints and generations in dicts, with atomic transactions.

    For one process (tests, simulations, the browser): a reader never runs in the middle
    of a transaction there, so undo-on-failure gives all-or-nothing without copying.
    """

    transactional = True

    def __init__(self) -> None:
        self.tables: dict[str, dict[Any, Any]] = {}
        self.positions: dict[str, int] = {}
        self.generations: dict[str, int] = {}
        self._open: MemoryTx | None = None

    def load(self, name: str) -> int:
        """The last position handled by checkpoint ``name`` (0: none yet)."""
        return self.positions.get(name, 0)

    @contextmanager
    def transaction(self) -> Iterator[MemoryTx]:
        """Yield a :class:`MemoryTx`; undo everything it did if the block raises."""
        if self._open is not None:
            raise ReadModelError("a read-store transaction is already open")
        tx = MemoryTx(self)
        self._open = tx
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        finally:
            self._open = None

    def save(self, tx: MemoryTx, name: str, position: int) -> None:
        """Move checkpoint ``name`` forward to ``position`` inside ``tx`` (never back)."""
        if position > self.positions.get(name, 0):
            tx._write(self.positions, name, position)

    def generation(self, model: str) -> int:
        """The live generation of ``model`` (1 by default)."""
        return self.generations.get(model, 1)

    def set_generation(self, tx: MemoryTx, model: str, generation: int) -> None:
        """Swap generation ``generation`` in, inside ``tx``."""
        tx._write(self.generations, model, generation)

    @contextmanager
    def snapshot(self) -> Iterator[MemoryTx]:
        """A consistent view for a query (nothing to isolate in one thread)."""
        yield MemoryTx(self)
