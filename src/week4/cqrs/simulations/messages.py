"""What the CQRS simulations send over the simulated network: requests and their answers.

Frozen dataclasses, commands to a service in the imperative, answers in the past tense; each
has a short ``label`` that traces and sequence diagrams show. Money is in cents, positions
are the event store's global positions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SendCommand:
    """A user asks the write side to deposit ``amount_cents`` into ``account``."""

    command_id: str
    account: str
    amount_cents: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"deposit €{self.amount_cents / 100:g}"


@dataclass(frozen=True)
class CommandDone:
    """The write side appended the command's event at ``position`` (stream ``version``)."""

    command_id: str
    version: int
    position: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"done at p{self.position}"


@dataclass(frozen=True)
class AskBalance:
    """A user asks for an account's balance, at ``min_position`` or later when set."""

    query_id: str
    account: str
    min_position: int | None = None

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        wait = f" at p{self.min_position}+" if self.min_position is not None else ""
        return f"balance?{wait}"


@dataclass(frozen=True)
class BalanceAnswered:
    """The balance a read side found, and the global position its read model had reached."""

    query_id: str
    balance_cents: int
    position: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"€{self.balance_cents / 100:g} (as of p{self.position})"


@dataclass(frozen=True)
class NotYet:
    """The read model did not reach ``min_position`` before the query's timeout."""

    query_id: str
    position: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"not yet (at p{self.position})"


@dataclass(frozen=True)
class EventsAvailable:
    """The write side tells a projector that the log now reaches ``position``."""

    position: int

    @property
    def label(self) -> str:
        """Short label for diagrams."""
        return f"p{self.position} appended"
