"""Read Jepsen histories: etcd log lines, or EDN operation maps in any layout.

Two formats, told apart by the first character that is not whitespace:

- Jepsen's log lines, as in the etcd tests (``INFO  jepsen.util - 3	:invoke	:cas	[3 0]``),
  a single register; the time of an event is its line number. These logs keep the two
  readings Porcupine gives them: a ``:fail :cas [FROM TO]`` is a compare-and-set that *did*
  run and found another value than FROM (a completed cas that returned false), and a
  ``:fail :read :timed-out`` is a read whose outcome is unknown.
- EDN, as in Jepsen's ``history.edn``: one vector of operation maps (``[{:process 0, :type
  :invoke, ...} ...]``) or a sequence of maps, laid out any way (several on a line, one over
  several lines), maps possibly written as records (``#jepsen.history.Op{...}``). Keys other
  than ``:process``, ``:type``, ``:f``, ``:value`` and ``:key`` (``:time``, ``:index``, ...)
  are ignored; ``:value`` may be any EDN value. The time of an event is its position in the
  file (1, 2, ...). Here, as in Jepsen and Knossos, ``:fail`` means the operation did not take
  effect (a read, a write or a cas alike), and the checker leaves it out.

Everywhere ``:info`` means the outcome is unknown, an operation never completed has an
unknown outcome, and nemesis events (process ``:nemesis``) are skipped. The text is read as
a stream of chunks, so memory grows with the operations, not with the file's layout.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from week4.cap.checker.edn import Keyword, iter_edn, lines_of, read_edn
from week4.cap.checker.edn.lexer import MAX_TOKEN
from week4.cap.checker.history import History, HistoryError, HistoryRecorder
from week4.cap.checker.jepsen_events import Event, edn_event, log_event

_LOG_LINE = re.compile(
    r"INFO\s+jepsen\.util\s+-\s+(?P<process>\d+)\s+:(?P<type>[\w-]+)\s+:(?P<f>[\w-]+)"
    r"(?:\s+(?P<value>.*))?"
)
_READS = ("read", "get")
_CACHE = 4096


@dataclass(frozen=True)
class JepsenHistory:
    """A parsed history file and the format it was in.

    Attributes:
        history: The operations.
        format: ``edn`` (Jepsen's ``history.edn``) or ``log`` (etcd log lines).
    """

    history: History
    format: str

    def default_model(self) -> str:
        """The model Jepsen's own checker would use for this file.

        ``kv`` for get/put/append; for a register, Knossos's ``cas-register`` for EDN files
        and Porcupine's ``register`` for the etcd logs.
        """
        if any(op.f in ("get", "put", "append") for op in self.history):
            return "kv"
        return "cas-register" if self.format == "edn" else "register"


def parse_jepsen_history(text: str) -> History:
    """Parse a Jepsen history, etcd log lines or EDN maps (see the module's docstring).

    Raises:
        HistoryError: Empty input, a malformed line or map, a completion without a pending
            invoke, or an invoke while the same process still has one pending; the message
            names the line (and, in EDN, the column).
    """
    return read_jepsen_history(lines_of(text.removeprefix("\ufeff"))).history


def read_jepsen_history(chunks: Iterable[str]) -> JepsenHistory:
    """Parse a history arriving in chunks (e.g. a file's lines), in either format.

    Raises:
        HistoryError: As :func:`parse_jepsen_history`.
    """
    it = iter(chunks)
    head: list[str] = []
    for chunk in it:
        head.append(chunk)
        if chunk.strip():
            break
    first = "".join(head).lstrip()
    if not first:
        raise HistoryError("the history is empty: no operations in the input")
    stream = itertools.chain(head, it)
    recorder = HistoryRecorder()
    if first[0] in "{[(#;":
        forms = 0
        for n, (form, line, col) in enumerate(iter_edn(stream), 1):
            forms = n
            where = f"line {line}, column {col}"
            try:
                event = edn_event(form)
            except HistoryError as exc:
                raise HistoryError(f"{where}: {exc}") from None
            if event is not None:
                _record(recorder, n, where, event, edn=True)
        if not forms and first[0] not in "[(":  # "[]" is a history, with no operations
            raise HistoryError("the history is empty: no operations in the input")
        return JepsenHistory(recorder.history(), "edn")
    values: dict[str, object] = {}  # log values repeat: read each text once
    for number, line_text in enumerate(_whole_lines(stream), 1):
        if not line_text.strip():
            continue
        try:
            event = _read_log_line(line_text, values)
        except HistoryError as exc:
            raise HistoryError(f"line {number}: malformed line: {_strip_where(exc)}") from None
        _record(recorder, number, f"line {number}", event, edn=False)
    return JepsenHistory(recorder.history(), "log")


def _strip_where(exc: HistoryError) -> str:
    return re.sub(r"^line \d+, column \d+: ", "", str(exc))


def _whole_lines(chunks: Iterator[str]) -> Iterator[str]:
    r"""Lines ending at ``\n`` only, each at most :data:`MAX_TOKEN` characters."""
    parts: list[str] = []
    size, number = 0, 1
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if chunk.endswith("\n"):
            yield "".join(parts)
            parts, size, number = [], 0, number + 1
        elif size > MAX_TOKEN:
            raise HistoryError(f"line {number}: longer than {MAX_TOKEN} characters")
    if parts:
        yield "".join(parts)


def _read_log_line(line: str, values: dict[str, object]) -> Event:
    m = _LOG_LINE.fullmatch(line.strip())
    if m is None:
        raise HistoryError("expected 'INFO  jepsen.util - PROCESS :TYPE :F VALUE'")
    text = m.group("value") or "nil"
    if text in values:
        value = values[text]
    else:
        value = read_edn(text)
        if len(values) < _CACHE:
            values[text] = value
    return log_event(int(m.group("process")), Keyword(m.group("type")), m.group("f"), value)


def _record(recorder: HistoryRecorder, n: int, where: str, event: Event, *, edn: bool) -> None:
    process, kind, f, value, key = event
    f = sys.intern(f)  # one string per function name, not one per operation
    pending = recorder.pending_op(process)
    if kind == "invoke":
        if pending is not None:
            prev = recorder.operation(pending)
            raise HistoryError(
                f"{where}: duplicate invoke: process {process} invokes {f} while its "
                f"{prev.f} from {_at(prev.call, edn)} is still pending"
            )
        recorder.invoke(process, f, None if f in _READS else value, key, time=n)
        return
    if pending is None:
        raise HistoryError(
            f"{where}: unmatched return: process {process} completes a {f} "
            "but has no pending invoke"
        )
    op = recorder.operation(pending)
    if op.f != f or op.key != key:
        raise HistoryError(
            f"{where}: unmatched return: process {process} completes a {f} but its "
            f"pending operation is a {op.f} from {_at(op.call, edn)}"
        )
    if kind == "ok":
        output = value if f in _READS else (True if f == "cas" else None)
        recorder.complete(pending, "ok", output, n)
    elif not edn and kind == "fail" and f == "cas" and _is_pair(value):
        recorder.complete(pending, "ok", False, n)  # etcd: compared, found another value
    elif not edn and kind == "fail" and f in _READS and value == Keyword("timed-out"):
        recorder.complete(pending, "info", None, n)  # etcd: unknown outcome
    else:
        recorder.complete(pending, "fail" if kind == "fail" else "info", None, n)


def _at(time: float, edn: bool) -> str:
    return f"{'event' if edn else 'line'} {time:g}"


def _is_pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2


__all__ = ["JepsenHistory", "parse_jepsen_history", "read_jepsen_history"]
