"""``week4 check-history FILE [--model M] [--initial VALUE] [--timeout SECONDS]``.

The command reads an etcd-style Jepsen log or Jepsen's EDN ``history.edn`` (see
:mod:`week4.cap.checker.jepsen`), picks the model from the operations when none is given
(get, put, append: ``kv``; read, write, cas: Knossos's ``cas-register`` for EDN files, the
etcd ``register`` for logs) and prints the verdict of
:func:`week4.cap.checker.linearizability.check_linearizable`, with the counterexample when the
history is not linearizable.

Exit codes: 0 linearizable, 1 not linearizable, 2 bad input (one line on stderr), 3 unknown
(the time budget ran out first, as Knossos's and Porcupine's ``:unknown``). Only regular files
are read (a FIFO, a device or a directory is refused before anything is read), as a stream:
memory grows with the number of operations, not with the file's size or layout.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from week4.cap.checker.edn import read_edn
from week4.cap.checker.edn.lexer import CHUNK
from week4.cap.checker.history import HistoryError
from week4.cap.checker.jepsen import read_jepsen_history
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.checker.models import get_model, with_initial
from week4.errors import ParameterError, Week4Error

EXIT_LINEARIZABLE, EXIT_NOT_LINEARIZABLE, EXIT_UNKNOWN = 0, 1, 3
#: The default ``--timeout``, in seconds (reading and checking together).
DEFAULT_TIMEOUT = 60.0
MAX_TIMEOUT = 86_400.0


class HistoryFileError(Week4Error):
    """The history file cannot be read."""


class _OutOfTimeError(Exception):
    """The budget ran out while the file was being read."""


def run_check_history(
    path: str,
    model: str | None = None,
    *,
    initial: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[int, str]:
    """Check the history in ``path``.

    Args:
        path: A Jepsen history file (etcd log lines or EDN maps).
        model: ``register``, ``cas-register``, ``kv``, or None to pick it from the file.
        initial: The initial value of every key, as EDN text (default: the model's, nil for
            a register, ``""`` for kv).
        timeout: Seconds for reading and checking together; then the verdict is unknown.
        clock: The clock the budget is measured on (injected for tests).

    Returns:
        ``(exit code, report)``: 0 linearizable, 1 not (with the counterexample), 3 unknown.

    Raises:
        ParameterError: ``timeout`` is not a number of seconds in range, or ``initial`` is not
            one EDN value.
        HistoryFileError: The file is missing, unreadable, not a regular file or not UTF-8.
        HistoryError: The file is empty or malformed (the message names the line).
        UnknownModelError: ``model`` is not one of the models.
    """
    if model is not None:
        get_model(model)
    if not (isinstance(timeout, int | float) and 0 < timeout <= MAX_TIMEOUT):
        raise ParameterError(
            f"invalid --timeout {timeout!r}: expected seconds, more than 0 and at most "
            f"{MAX_TIMEOUT:g}"
        )
    start = None if initial is None else _initial(initial)
    deadline = clock() + timeout
    with _open_regular(path) as handle:
        try:
            parsed = read_jepsen_history(_chunks(handle, lambda: clock() > deadline))
        except UnicodeDecodeError:
            raise HistoryFileError(f"cannot read {path}: not UTF-8 text") from None
        except _OutOfTimeError:
            return EXIT_UNKNOWN, (
                f"{Path(path).name}: Unknown: the --timeout of {timeout:g} s ran out while "
                "reading the file.\n"
            )
        except OSError as exc:
            raise HistoryFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    spec = get_model(model or parsed.default_model())
    if initial is not None:
        spec = with_initial(spec, start)
    result = check_linearizable(parsed.history, spec, stop=lambda: clock() > deadline)
    lines = [f"{Path(path).name}: {len(parsed.history)} operations.", result.describe()]
    if result.dropped:
        lines.append(
            f"({result.dropped} crashed write(s) that no read observed were left out: "
            "they cannot change the verdict.)"
        )
    if result.linearizable is None:
        lines.append(f"The --timeout of {timeout:g} s ran out; try a longer one.")
        return EXIT_UNKNOWN, "\n".join(lines) + "\n"
    code = EXIT_LINEARIZABLE if result.linearizable else EXIT_NOT_LINEARIZABLE
    return code, "\n".join(lines) + "\n"


def _initial(text: str) -> object:
    try:
        return read_edn(text)
    except HistoryError as exc:
        raise ParameterError(f"invalid --initial {text[:40]!r}: {exc}") from None


def _open_regular(path: str) -> TextIO:
    """Open ``path`` for reading if it is a regular file, without blocking on a FIFO."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            kind = "a directory" if os.path.isdir(path) else "not a regular file"
            raise HistoryFileError(f"cannot read {path}: {kind}")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # it changed in between
            os.close(fd)
            raise HistoryFileError(f"cannot read {path}: not a regular file")
        return open(fd, encoding="utf-8-sig", newline="\n")
    except HistoryFileError:
        raise
    except FileNotFoundError:
        raise HistoryFileError(f"cannot read {path}: no such file") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise HistoryFileError(f"cannot read {path}: {reason}") from None


def _chunks(handle: TextIO, expired: Callable[[], bool]) -> Iterator[str]:
    """The file's lines (at most :data:`CHUNK` characters each), checking the budget."""
    n = 0
    while chunk := handle.readline(CHUNK):
        n += 1
        if n % 1024 == 0 and expired():
            raise _OutOfTimeError
        yield chunk


__all__ = ["DEFAULT_TIMEOUT", "HistoryFileError", "run_check_history"]
