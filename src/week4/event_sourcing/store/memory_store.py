"""An event store in memory: the same contract as the SQLite one, for tests and the browser.

It is what the site runs under Pyodide, where there is no file to write. Events are kept as
the same compact JSON the SQLite store writes, so both backends accept and return exactly
the same values (a JSON round trip), and a reader never shares a dict with a writer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from types import TracebackType

from week4.event_sourcing.store.checks import check_expected, check_limit, check_start, check_stream
from week4.event_sourcing.store.errors import ConcurrencyError, StoreClosedError
from week4.event_sourcing.store.records import (
    Clock,
    LogicalClock,
    NewEvent,
    RecordedEvent,
    Row,
    decode_rows,
    encode_events,
)


class InMemoryEventStore:
    """Streams and a global log in lists, guarded by a lock.

    Args:
        clock: Gives ``recorded_at`` for each append (default: :class:`LogicalClock`).

    Examples:
        >>> store = InMemoryEventStore()
        >>> store.append("account-1", [NewEvent("Deposited", {"amount": 5})], expected_version=0)
        1
        >>> [(e.version, e.position, e.data) for e in store.read_stream("account-1")]
        [(1, 1, {'amount': 5})]
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock: Clock = clock if clock is not None else LogicalClock()
        self._log: list[Row] = []
        self._streams: dict[str, list[int]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def append(
        self, stream: str, events: Sequence[NewEvent], expected_version: int | None = None
    ) -> int:
        """Append a batch atomically; see :meth:`SQLiteEventStore.append` for the rules."""
        check_stream(stream)
        expected = check_expected(expected_version)
        encoded = encode_events(events)
        with self._lock:
            self._check_open()
            indexes = self._streams.get(stream, [])
            actual = len(indexes)
            if expected is not None and expected != actual:
                raise ConcurrencyError(stream, expected, actual)
            if not encoded:
                return actual
            at = self._clock()
            log = self._log
            for kind, data, meta in encoded:
                indexes.append(len(log))
                log.append((stream, len(indexes), len(log) + 1, kind, data, meta, at))
            self._streams[stream] = indexes
            return len(indexes)

    def read_stream(
        self, stream: str, from_version: int = 1, limit: int | None = None
    ) -> Iterator[RecordedEvent]:
        """Events of one stream from ``from_version`` on, in version order."""
        check_stream(stream)
        start = check_start("from_version", from_version)
        count = check_limit(limit)
        with self._lock:
            self._check_open()
            indexes = self._streams.get(stream, [])[start - 1 :]
            rows = [self._log[i] for i in indexes[:count]]
        return self._while_open(decode_rows(rows))

    def read_all(self, from_position: int = 1, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Every event from ``from_position`` on, in global order."""
        start = check_start("from_position", from_position)
        count = check_limit(limit)
        with self._lock:
            self._check_open()
            rows = self._log[start - 1 :]
        return self._while_open(decode_rows(rows[:count]))

    def _while_open(self, events: list[RecordedEvent]) -> Iterator[RecordedEvent]:
        """Yield ``events`` until the store is closed, then fail as the SQLite store does."""
        for event in events:
            if self._closed:
                raise StoreClosedError("the in-memory event store is closed")
            yield event

    def stream_version(self, stream: str) -> int:
        """The stream's current version, 0 when it does not exist."""
        check_stream(stream)
        with self._lock:
            self._check_open()
            return len(self._streams.get(stream, ()))

    def last_position(self) -> int:
        """The position of the last event in the store, 0 when empty."""
        with self._lock:
            self._check_open()
            return len(self._log)

    def close(self) -> None:
        """Forget nothing but refuse further use (same lifecycle as the SQLite store)."""
        self._closed = True

    def __enter__(self) -> InMemoryEventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError("the event store is closed")
