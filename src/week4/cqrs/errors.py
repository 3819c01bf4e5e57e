"""Errors of the CQRS chapter: one-line messages, :class:`week4.errors.Week4Error` subclasses.

A refused command is not a crash: :class:`CommandRejectedError` carries the reason and the
command id, and the write side guarantees nothing was written (no event, no read-model row,
no idempotency record), so the client may correct the command and send it again.
"""

from __future__ import annotations

from week4.errors import Week4Error


class CQRSError(Week4Error):
    """Base class for every error of :mod:`week4.cqrs`."""


class UnknownMessageError(CQRSError):
    """The bus has no handler for this command, or the object is not a known message."""


class DuplicateHandlerError(CQRSError):
    """A command type was given two handlers (a command has exactly one)."""


class CommandRejectedError(CQRSError):
    """The write model refused a command; nothing was written.

    Attributes:
        command_id: The refused command's id.
        reason: Why, in one line (``"cannot withdraw 900 cents: balance is 500"``).
    """

    def __init__(self, command_id: str, reason: str) -> None:
        self.command_id = command_id
        self.reason = reason
        super().__init__(f"command {command_id!r} rejected: {reason}")

    def __reduce__(self) -> tuple[type[CommandRejectedError], tuple[str, str]]:
        return (type(self), (self.command_id, self.reason))


class ReadModelError(CQRSError):
    """A read model or its store was misused (bad name, unknown generation, bad limit)."""


class SimulatedCrash(Exception):  # noqa: N818 - it is a crash, not an error of the input
    """Raised by a fault hook to kill the "process" between two steps.

    Not a :class:`Week4Error`: it is no bad input, it stands for SIGKILL. Whatever the
    process held in memory is lost; only what it committed survives.

    Attributes:
        point: Where it died (``"after-commit"``, ``"before-mark"``...).
    """

    def __init__(self, point: str) -> None:
        self.point = point
        super().__init__(f"simulated crash at {point}")
