"""Errors raised by the event store and the code around it.

Every error is a :class:`week4.errors.Week4Error` with a one-line message, so the CLI and
the site print it as is. Conflicts on ``expected_version`` follow EventStoreDB/KurrentDB's
``WrongExpectedVersion`` ("Optimistic concurrency control", KurrentDB docs, *Appending
events*): the caller reloads the stream, decides again and retries.
"""

from __future__ import annotations

from week4.errors import Week4Error


class EventStoreError(Week4Error):
    """Base class for every error of :mod:`week4.event_sourcing`."""


class InvalidEventError(EventStoreError):
    """An argument is malformed: empty stream name, negative version, non-JSON data..."""


class ConcurrencyError(EventStoreError):
    """The stream is not at the version the writer expected (optimistic concurrency).

    Attributes:
        stream: The stream appended to.
        expected: The version the writer expected (0: the stream must not exist).
        actual: The version the stream is at.
    """

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        self.stream = stream
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"stream {stream!r} is at version {actual}, expected {expected}: "
            "reload it and decide again"
        )

    def __reduce__(self) -> tuple[type[ConcurrencyError], tuple[str, int, int]]:
        return (type(self), (self.stream, self.expected, self.actual))


class StoreBusyError(EventStoreError):
    """Another connection held the database lock for longer than the busy timeout."""


class NotAnEventStoreError(EventStoreError):
    """The file exists but is not a week4 event store (text file, other SQLite tables...)."""


class StoreClosedError(EventStoreError):
    """The store was used after :meth:`close`."""


class DomainError(Week4Error):
    """A command broke a business rule (overdraft, closed account...)."""


class ForgottenError(EventStoreError):
    """The data of a subject whose key was shredded was asked for in clear."""


class CheckpointError(EventStoreError):
    """A subscription's checkpoint would not move forward (another runner got there first).

    Attributes:
        name: The subscription.
        current: The stored checkpoint.
        attempted: The position that was to be saved.
    """

    def __init__(self, name: str, current: int, attempted: int) -> None:
        super().__init__(
            f"checkpoint {name!r} is at {current}: it only moves forward, not to {attempted}"
        )
        self.name = name
        self.current = current
        self.attempted = attempted


class CorruptEventError(EventStoreError):
    """A stored event cannot be read back (its row was changed outside the store)."""


class StorageError(EventStoreError):
    """The storage failed underneath the store (a full disk, an I/O error).

    Nothing acknowledged is lost: the failed append was rolled back, and a retry may work.
    """


class ReadOnlyStoreError(EventStoreError):
    """The store's file is read-only: it can be read, not appended to."""
