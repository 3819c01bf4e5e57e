"""The checker's error family, apart so that every module of the checker can raise it."""

from __future__ import annotations

from week4.errors import Week4Error


class HistoryError(Week4Error):
    """A history (or a log it was read from) is malformed or inconsistent."""
