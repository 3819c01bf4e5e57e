"""One event of a Jepsen history, from a log line's fields or an EDN operation map.

An event is ``(process, type, f, value, key)``: ``type`` one of invoke, ok, fail, info; ``f``
the function's name; ``key`` None for a single register. Nemesis events give None.
"""

from __future__ import annotations

from collections.abc import Mapping

from week4.cap.checker.edn import EdnMap, Keyword, Tagged, canonical, show_edn
from week4.cap.checker.history import HistoryError, Key

Event = tuple[int | str, str, str, object, Key]
_TYPES = ("invoke", "ok", "fail", "info")
_PROCESS, _TYPE, _F = Keyword("process"), Keyword("type"), Keyword("f")
_VALUE, _KEY = Keyword("value"), Keyword("key")
_NEMESIS = Keyword("nemesis")
_KINDS = {Keyword(kind): kind for kind in _TYPES}
_KEYS = {canonical(k): k for k in (_PROCESS, _TYPE, _F, _VALUE, _KEY)}
_C_PROCESS, _C_TYPE, _C_F, _C_VALUE, _C_KEY = _KEYS


def log_event(process: int, kind: Keyword, f: str, value: object) -> Event:
    """The event of an etcd log line's fields.

    Raises:
        HistoryError: An unknown type, or a cas without ``[FROM TO]``.
    """
    if f != "cas" and kind in _KINDS:  # the common case, fast
        return process, _KINDS[kind], f, value, None
    return process, _kind(kind), _cas_checked(f, kind, value), value, None


def edn_event(form: object) -> Event | None:
    """The event of an EDN operation map (or record), None for a nemesis event.

    Keys other than ``:process``, ``:type``, ``:f``, ``:value`` and ``:key`` are ignored.

    Raises:
        HistoryError: Not a map, or a field of the wrong kind (the message says which).
    """
    if isinstance(form, Tagged) and isinstance(form.value, Mapping):
        form = form.value  # a record literal such as #jepsen.history.Op{...}
    if not isinstance(form, Mapping):
        raise HistoryError(
            f"expected an operation map such as {{:process 0, :type :invoke, :f :read}}, "
            f"got {_short(form)}"
        )
    get = form.get_canonical if isinstance(form, EdnMap) else lambda c: form.get(_KEYS[c])
    process = get(_C_PROCESS)
    if process == _NEMESIS:
        return None
    if isinstance(process, Keyword):
        process = process.name
    elif not isinstance(process, int) or isinstance(process, bool):
        raise HistoryError(f":process must be an integer or a keyword, got {_short(process)}")
    f = get(_C_F)
    if not isinstance(f, Keyword):
        raise HistoryError(f":f must be a keyword such as :read, got {_short(f)}")
    key = get(_C_KEY)
    if key is not None and (not isinstance(key, str | int) or isinstance(key, bool)):
        raise HistoryError(f":key must be a string or an integer, got {_short(key)}")
    kind = get(_C_TYPE)
    value = get(_C_VALUE)
    return process, _kind(kind), _cas_checked(f.name, kind, value), value, key


def _kind(kind: object) -> str:
    if not isinstance(kind, Keyword) or kind.name not in _TYPES:
        raise HistoryError(f"unknown type {_short(kind)}: expected :invoke, :ok, :fail or :info")
    return kind.name


def _cas_checked(f: str, kind: object, value: object) -> str:
    pair = isinstance(value, tuple) and len(value) == 2
    if f == "cas" and kind in (Keyword("invoke"), Keyword("ok")) and not pair:
        raise HistoryError(f"a cas needs [FROM TO], got {_short(value)}")
    return f


def _short(value: object) -> str:
    text = show_edn(value)
    return text if len(text) <= 60 else text[:57] + "..."
