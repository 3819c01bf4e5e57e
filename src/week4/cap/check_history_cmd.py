"""``week4 check-history FILE [--model register|kv]``: check a Jepsen history file.

The command reads an etcd-style Jepsen log or a file of EDN operation maps (see
:mod:`week4.cap.checker.jepsen`), picks the model from the operations when none is given (read,
write, cas: ``register``; get, put, append: ``kv``) and prints the verdict of
:func:`week4.cap.checker.linearizability.check_linearizable`, with the counterexample when the
history is not linearizable.
"""

from __future__ import annotations

from pathlib import Path

from week4.cap.checker.jepsen import parse_jepsen_history
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.checker.models import detect_model, get_model
from week4.errors import Week4Error


class HistoryFileError(Week4Error):
    """The history file cannot be read."""


def run_check_history(path: str, model: str | None) -> tuple[int, str]:
    """Check the history in ``path``.

    Args:
        path: A Jepsen history file (etcd log lines or EDN maps).
        model: ``register``, ``kv``, or None to detect it from the operations.

    Returns:
        ``(0, report)`` when the history is linearizable, ``(1, report)`` with the
        counterexample when it is not.

    Raises:
        HistoryFileError: The file is missing or unreadable.
        HistoryError: The file is empty or has a malformed line (the message names the line).
        UnknownModelError: ``model`` is neither ``register`` nor ``kv``.
    """
    if model is not None:
        get_model(model)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HistoryFileError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise HistoryFileError(f"cannot read {path}: it is a directory") from None
    except UnicodeDecodeError:
        raise HistoryFileError(f"cannot read {path}: not UTF-8 text") from None
    except OSError as exc:
        raise HistoryFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    history = parse_jepsen_history(text)
    name = model or detect_model(history.ops)
    result = check_linearizable(history, name)
    report = f"{Path(path).name}: {len(history)} operations.\n{result.describe()}\n"
    return (0 if result.linearizable else 1), report
