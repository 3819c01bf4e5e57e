"""The event store's protocol on the simulated network: reads, appends, and their answers.

Plain frozen dataclasses, named like KurrentDB's client calls and answers (commands to the
store in the imperative mood of a request, answers in the past tense); each has a short
``label`` that the trace and its sequence diagrams show (see :mod:`week4.basics.nodes.echo`).
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.event_sourcing.store.records import NewEvent, RecordedEvent


@dataclass(frozen=True)
class ReadRequested:
    """A writer asks for the stream's events from ``from_version`` on (message)."""

    stream: str
    from_version: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"read from v{self.from_version}"


@dataclass(frozen=True)
class EventsRead:
    """The events a writer asked for, and the stream's version (message)."""

    events: tuple[RecordedEvent, ...]
    version: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        count = len(self.events)
        return f"{count} event{'' if count == 1 else 's'}, now v{self.version}"


@dataclass(frozen=True)
class AppendRequested:
    """A writer appends one event, expecting the stream at ``expected_version`` (message)."""

    stream: str
    expected_version: int | None
    event: NewEvent

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        expect = "any" if self.expected_version is None else f"v{self.expected_version}"
        euros = self.event.data["amount_cents"] / 100
        return f"append {self.event.type} €{euros:g}, expect {expect}"


@dataclass(frozen=True)
class Appended:
    """The append landed; the stream is now at ``version`` (message)."""

    version: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"appended, now v{self.version}"


@dataclass(frozen=True)
class AppendRejected:
    """The stream was not at the expected version: nothing was written (message)."""

    expected: int
    actual: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"ConcurrencyError: at v{self.actual}, not v{self.expected}"
