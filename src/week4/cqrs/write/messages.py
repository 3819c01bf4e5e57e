"""The write side's messages: imperative commands with an id, and what a command returns.

Every command carries a ``command_id`` chosen by the client (a UUID in production): sending
the same command twice, after a timeout for example, must not move money twice, so the
write side remembers the ids it handled and answers a repeat with the first result
(idempotent receiver, Hohpe & Woolf, *Enterprise Integration Patterns*). The events are the
bank's own (:mod:`week4.event_sourcing.bank`): ``AccountOpened``, ``Deposited``,
``Withdrawn``, ``AccountClosed``, past tense.

Examples:
    >>> Deposit("c-1", "account-1", 500).to_domain()
    Deposit(amount_cents=500)
"""

from __future__ import annotations

from dataclasses import dataclass

from week4.event_sourcing.bank import domain


@dataclass(frozen=True)
class OpenAccount:
    """Open ``account`` for ``owner``."""

    command_id: str
    account: str
    owner: str

    def to_domain(self) -> domain.AccountCommand:
        """The bank decider's command."""
        return domain.OpenAccount(self.owner)


@dataclass(frozen=True)
class Deposit:
    """Pay ``amount_cents`` into ``account``."""

    command_id: str
    account: str
    amount_cents: int

    def to_domain(self) -> domain.AccountCommand:
        """The bank decider's command."""
        return domain.Deposit(self.amount_cents)


@dataclass(frozen=True)
class Withdraw:
    """Take ``amount_cents`` out of ``account``; refused if it would overdraw it."""

    command_id: str
    account: str
    amount_cents: int

    def to_domain(self) -> domain.AccountCommand:
        """The bank decider's command."""
        return domain.Withdraw(self.amount_cents)


@dataclass(frozen=True)
class CloseAccount:
    """Close ``account``; refused unless its balance is zero."""

    command_id: str
    account: str
    reason: str = ""

    def to_domain(self) -> domain.AccountCommand:
        """The bank decider's command."""
        return domain.CloseAccount(self.reason)


AccountCommand = OpenAccount | Deposit | Withdraw | CloseAccount
COMMAND_TYPES: tuple[type[AccountCommand], ...] = (OpenAccount, Deposit, Withdraw, CloseAccount)


@dataclass(frozen=True)
class CommandResult:
    """What a client needs to read its own write.

    Attributes:
        stream: The stream written (the account's).
        version: The stream's version after the write.
        position: The global position of the last event written: a query that asks for
            ``min_position=position`` sees this write or answers "not yet".
    """

    stream: str
    version: int
    position: int
