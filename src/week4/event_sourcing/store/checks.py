"""Checks of the store's arguments, shared by both backends so they refuse the same values."""

from __future__ import annotations

from week4.event_sourcing.store.errors import InvalidEventError


def check_text(what: str, text: str) -> str:
    """Return ``text`` if it can be stored as UTF-8 (no lone surrogate), else raise.

    Both backends refuse what SQLite could not store, so they accept the same values.
    """
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidEventError(
                f"{what} is not valid Unicode text (a lone surrogate at index {error.start})"
            ) from None
    return text


def check_stream(stream: object) -> str:
    """Return ``stream`` if it is a non-blank string, else raise InvalidEventError."""
    if not isinstance(stream, str) or not stream.strip():
        raise InvalidEventError(f"stream name must be a non-empty string, got {stream!r}")
    return check_text("stream name", stream)


def string_keys(value: object) -> bool:
    """True when every mapping inside ``value`` has string keys.

    JSON would turn other keys into strings, so ``{1: "a", "1": "b"}`` would lose a key on
    the way back, and ``{1: "a"}`` would come back as ``{"1": "a"}``.
    """
    if isinstance(value, dict):
        return all(type(k) is str for k in value) and all(map(string_keys, value.values()))
    if isinstance(value, list | tuple):
        return all(map(string_keys, value))
    return True


def check_expected(expected: object) -> int | None:
    """Return ``expected`` if it is None or an int >= 0, else raise InvalidEventError."""
    if expected is None:
        return None
    if isinstance(expected, bool) or not isinstance(expected, int) or expected < 0:
        raise InvalidEventError(
            f"expected_version must be None (any), 0 (no stream) or a positive int, "
            f"got {expected!r}"
        )
    return expected


def check_start(name: str, value: object) -> int:
    """Return ``value`` if it is an int >= 1 (versions and positions start at 1)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidEventError(f"{name} must be an int >= 1, got {value!r}")
    return value


def check_limit(limit: object) -> int | None:
    """Return ``limit`` if it is None or an int >= 0."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InvalidEventError(f"limit must be None or an int >= 0, got {limit!r}")
    return limit
