"""Read Jepsen histories: etcd log lines and EDN operation maps, told apart automatically.

Two formats occur in the test data (from Porcupine's test suite):

- Jepsen's log lines, as in the etcd tests (``INFO  jepsen.util - 3	:invoke	:cas	[3 0]``),
  a single register that starts as nil;
- one EDN map per line (``{:process 0, :type :invoke, :f :append, :key "0", :value "x"}``),
  as in Jepsen's ``history.edn``.

The time of an event is its line number. An ``:invoke`` opens an operation of its process; the
process's next ``:ok``, ``:fail`` or ``:info`` completes it. Following Jepsen and Knossos, ``:fail``
means it did not happen and ``:info`` that the outcome is unknown, with two readings that the
etcd logs need (they are Porcupine's): a ``:fail :cas [FROM TO]`` is a compare-and-set that
*did* run and found another value than FROM (a completed cas that returned false), and a
``:fail :read :timed-out`` is a read whose outcome is unknown. An operation never completed
has an unknown outcome. Nemesis events (process ``:nemesis``) are skipped.
"""

from __future__ import annotations

import re

from week4.cap.checker.edn import EdnError, Keyword, read_edn, read_flat_map
from week4.cap.checker.history import History, HistoryError, HistoryRecorder, Key

_LOG_LINE = re.compile(
    r"INFO\s+jepsen\.util\s+-\s+(?P<process>\d+)\s+:(?P<type>[\w-]+)\s+:(?P<f>[\w-]+)"
    r"(?:\s+(?P<value>.*))?"
)
_TYPES = ("invoke", "ok", "fail", "info")
_READS = ("read", "get")
Event = tuple[int | str, str, str, object, Key]


def parse_jepsen_history(text: str) -> History:
    """Parse a Jepsen history, etcd log lines or EDN maps (detected from the first line).

    Args:
        text: The whole file.

    Returns:
        The history, one operation per invoke, with times equal to line numbers.

    Raises:
        HistoryError: Empty input, a malformed line, a completion without a pending invoke,
            or an invoke while the same process still has one pending; the message names the
            line.
    """
    lines = text.splitlines()
    first = next((line.strip() for line in lines if line.strip()), None)
    if first is None:
        raise HistoryError("the history is empty: no operations in the input")
    edn = first.startswith("{")
    recorder = HistoryRecorder()
    values: dict[str, object] = {}  # log values repeat: read each text once
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            event = _read_map(line) if edn else _read_log_line(line, values)
        except (EdnError, HistoryError) as exc:
            raise HistoryError(f"line {number}: malformed line: {exc}") from None
        if event is not None:
            _record(recorder, number, event)
    return recorder.history()


def _read_log_line(line: str, values: dict[str, object]) -> Event:
    m = _LOG_LINE.fullmatch(line.strip())
    if m is None:
        raise HistoryError("expected 'INFO  jepsen.util - PROCESS :TYPE :F VALUE'")
    text = m.group("value") or "nil"
    value = values[text] if text in values else values.setdefault(text, read_edn(text))
    return _event(int(m.group("process")), Keyword(m.group("type")), Keyword(m.group("f")), value)


def _read_map(line: str) -> Event | None:
    if not line.lstrip().startswith("{"):
        raise HistoryError("expected an EDN map such as {:process 0, :type :invoke, ...}")
    flat = read_flat_map(line)
    form = read_edn(line) if flat is None else flat
    if not isinstance(form, dict):
        raise HistoryError("expected an EDN map")
    process = form.get("process")
    if process == "nemesis":
        return None
    if not isinstance(process, int | Keyword) or isinstance(process, bool):
        raise HistoryError(f":process must be a number or a keyword, got {process!r}")
    key = form.get("key")
    if key is not None and not isinstance(key, str | int):
        raise HistoryError(f":key must be a string or a number, got {key!r}")
    return _event(process, form.get("type"), form.get("f"), form.get("value"), key)


def _event(process: int | str, kind: object, f: object, value: object, key: Key = None) -> Event:
    if not isinstance(kind, Keyword) or kind not in _TYPES:
        raise HistoryError(f"unknown type {kind!r}: expected :invoke, :ok, :fail or :info")
    if not isinstance(f, Keyword):
        raise HistoryError(f"the function must be a keyword such as :read, got {f!r}")
    if f == "cas" and kind in ("invoke", "ok") and not _is_pair(value):
        raise HistoryError(f"a cas needs [FROM TO], got {value!r}")
    return process, str(kind), str(f), value, key


def _is_pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2


def _record(recorder: HistoryRecorder, number: int, event: Event) -> None:
    process, kind, f, value, key = event
    pending = recorder.pending_op(process)
    if kind == "invoke":
        if pending is not None:
            prev = recorder.operation(pending)
            raise HistoryError(
                f"line {number}: duplicate invoke: process {process} invokes {f} while its "
                f"{prev.f} from line {prev.call:g} is still pending"
            )
        recorder.invoke(process, f, None if f in _READS else value, key, time=number)
        return
    if pending is None:
        raise HistoryError(
            f"line {number}: unmatched return: process {process} completes a {f} "
            "but has no pending invoke"
        )
    op = recorder.operation(pending)
    if op.f != f or op.key != key:
        raise HistoryError(
            f"line {number}: unmatched return: process {process} completes a {f} but its "
            f"pending operation is a {op.f} from line {op.call:g}"
        )
    if kind == "ok":
        output = value if f in _READS else (True if f == "cas" else None)
        recorder.complete(pending, "ok", output, number)
    elif kind == "fail" and f == "cas" and _is_pair(value):
        recorder.complete(pending, "ok", False, number)  # compared, found another value
    elif kind == "fail" and f in _READS and value == "timed-out":
        recorder.complete(pending, "info", None, number)  # unknown outcome
    else:
        recorder.complete(pending, "fail" if kind == "fail" else "info", None, number)
