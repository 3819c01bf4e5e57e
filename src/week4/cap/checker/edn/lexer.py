r"""EDN's tokens, read from a stream of text chunks, with the line and column of each.

The text arrives in chunks (lines of a file, at most :data:`CHUNK` characters each), so a file
of any size is read in bounded memory; a token may span chunks (a string with a newline in
it), but none may be longer than :data:`MAX_TOKEN` characters. Only ``\\n`` ends a line: EDN
strings may hold U+2028, ``\\x1c`` or ``\\x0c``, which :meth:`str.splitlines` would split on.
Commas are whitespace; ``;`` starts a comment that runs to the end of the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from week4.cap.checker.errors import HistoryError

#: The longest token (a string, a number, a symbol) the reader accepts, in characters.
MAX_TOKEN = 1 << 20
#: The size of the chunks a file is read in.
CHUNK = 1 << 16

_ATOM = r'[^\s,\[\](){}"\\;]'
_TOKEN = re.compile(
    rf"""(?P<ws>[\s,]+)
    |(?P<comment>;[^\n]*)
    |(?P<str>"(?:[^"\\]|\\.)*")
    |(?P<open>[\[({{]|\#\{{)
    |(?P<close>[\])}}])
    |(?P<discard>\#_)
    |(?P<special>\#\#{_ATOM}*)
    |(?P<tag>\#[^\s,\[\](){{}}"\\;\#0-9:]{_ATOM}*)
    |(?P<char>\\(?:u[0-9a-fA-F]{{4}}|[a-z]+|.))
    |(?P<atom>{_ATOM}+)""",
    re.VERBOSE | re.DOTALL,
)
_FLAT_VALUE = rf'"(?:[^"\\\n]|\\[^\n])*"|:{_ATOM}+|[-+]?\d{{1,18}}|nil|true|false'
_FLAT_ENTRY = re.compile(rf"[ \t,]*(:{_ATOM}+)[ \t,]+({_FLAT_VALUE})(?=[ \t,}}])")
_FLAT_BODY = re.compile(rf"(?:[ \t,]*:{_ATOM}+[ \t,]+(?:{_FLAT_VALUE})(?=[ \t,}}]))*[ \t,]*\}}")
#: (kind, text, line, column)
Token = tuple[str, str, int, int]
EOF: Token = ("eof", "", 0, 0)


class EdnError(HistoryError):
    """Text that is not EDN; the message starts with the line and column."""


def located(line: int, column: int, message: str) -> EdnError:
    """An error at ``line``, ``column`` (both from 1)."""
    return EdnError(f"line {line}, column {column}: {message}")


class Lexer:
    """The tokens of the text in ``chunks``, skipping whitespace and comments.

    Args:
        chunks: The text, in pieces (e.g. a file's lines).
    """

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks: Iterator[str] = iter(chunks)
        self._buf = ""
        self._pos = 0
        self._base = 0  # the offset of _buf[0] in the whole text
        self._line = 1
        self._line_start = 0  # the offset where the current line starts
        self._eof = False
        self.line = 1
        self.column = 1

    def _more(self) -> bool:
        """Append the next chunk to the buffer (dropping what was read); False at the end."""
        if self._eof:
            return False
        chunk = next(self._chunks, None)
        if chunk is None:
            self._eof = True
            return False
        if len(self._buf) - self._pos > MAX_TOKEN:
            raise located(self.line, self.column, f"a token longer than {MAX_TOKEN} characters")
        self._base += self._pos
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def next(self) -> Token:
        """The next token, or :data:`EOF`.

        Raises:
            EdnError: A character that starts no token (an unclosed string, a lone ``#``).
        """
        while True:
            buf, pos = self._buf, self._pos
            m = _TOKEN.match(buf, pos)
            kind = None if m is None else m.lastgroup
            if kind in {"ws", "comment"}:
                assert m is not None
                end = m.end()
                self._skip(pos, end)
                if end == len(buf):
                    if not self._more():
                        return EOF
                    if kind == "comment":
                        self._finish_comment()
                continue
            if m is None or m.end() == len(buf):
                if self._more():
                    continue
                if m is None:
                    if pos == len(buf):
                        return EOF
                    self._where(pos)
                    what = "an unclosed string" if buf[pos] == '"' else repr(buf[pos : pos + 10])
                    raise located(self.line, self.column, f"cannot read {what}")
            assert kind is not None
            assert m is not None
            self._where(pos)
            line, column = self.line, self.column
            if kind == "str":
                self._skip(pos, m.end())
            self._pos = m.end()
            return kind, m.group(), line, column

    def flat_map_body(self) -> list[tuple[str, str]] | None:
        """Right after a ``{``: a flat map's entries as texts, consumed (a fast path).

        Flat: keywords to atoms, on one line. For any other map, None and nothing consumed.
        """
        m = _FLAT_BODY.match(self._buf, self._pos)
        if m is None:
            return None
        pairs = _FLAT_ENTRY.findall(self._buf, self._pos, m.end())
        self._pos = m.end()
        return pairs

    def _finish_comment(self) -> None:
        """Skip the rest of a comment that went on past the end of a chunk."""
        while (end := self._buf.find("\n", self._pos)) < 0:
            self._pos = len(self._buf)
            if not self._more():
                return
        self._pos = end

    def _skip(self, pos: int, end: int) -> None:
        """Move past ``buf[pos:end]``, counting its newlines."""
        buf = self._buf
        newlines = buf.count("\n", pos, end)
        if newlines:
            self._line += newlines
            self._line_start = self._base + buf.rindex("\n", pos, end) + 1
        self._pos = end

    def _where(self, pos: int) -> None:
        self.line = self._line
        self.column = self._base + pos - self._line_start + 1


def lines_of(text: str) -> Iterator[str]:
    r"""``text`` in chunks that end at ``\\n`` (or at :data:`CHUNK` characters)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start, start + CHUNK)
        end = start + CHUNK if end < 0 else end + 1
        yield text[start:end]
        start = end
