"""Read a large JSON export one member at a time, and the big arrays one item at a time.

``json.loads`` of a million-attempt export builds every dict at once (2 GB for 320 MB of text),
and even holding the whole text costs its size again. The export is one object whose big members
are arrays of small objects, so we walk the top level ourselves over a window of the text that
slides along the file (``Utf8Reader`` feeds it), and hand each array item to ``json``'s C decoder
on its own: memory stays at one window plus one item. Errors carry the line and column in the
whole file, as ``json`` would give them.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"
WINDOW = 1 << 20  # characters read at a time: big enough that refills are rare, small beside any export


class JsonStreamError(ValueError):
    """Malformed JSON at a known place; ``str()`` is one line."""

    def __init__(self, message: str, lineno: int, colno: int) -> None:
        self.lineno, self.colno, self.reason = lineno, colno, message
        super().__init__(f"{lineno}:{colno}: {message}")


class NotUtf8Error(ValueError):
    """The file holds a byte sequence that is not UTF-8; ``offset`` counts bytes from the start."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        super().__init__(f"not UTF-8 text (byte {offset})")


class Utf8Reader:
    """Text from a binary file, a window at a time, naming the byte where bad UTF-8 starts."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.bytes_read = 0

    def read(self, size: int) -> str:
        """Up to about ``size`` more characters; "" once the file is used up."""
        while True:
            chunk = self.stream.read(size)
            pending = len(self.decoder.getstate()[0])  # bytes of a character cut by the last chunk
            try:
                text = self.decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                raise NotUtf8Error(self.bytes_read - pending + exc.start) from None
            self.bytes_read += len(chunk)
            if text or not chunk:
                return text


class Cursor:
    """A position in the text, moved forward by the readers below.

    ``text`` is a window of the whole text: ``more`` (when given) supplies what follows it, and
    the part already read is dropped on each refill; ``dropped`` and ``dropped_lines`` keep the
    count of what went, so positions and error places still refer to the whole file.
    """

    def __init__(self, text: str, more: Callable[[int], str] | None = None) -> None:
        self.text = text
        self.pos = 0
        self.more = more
        self.dropped = self.dropped_lines = 0
        self.dropped_column = 0  # characters after the last dropped newline, for error columns

    @property
    def consumed(self) -> int:
        """Characters read so far in the whole text (for progress estimates)."""
        return self.dropped + self.pos

    def refill(self, wanted: int = WINDOW) -> bool:
        """Drop what was read, append up to ``wanted`` more characters; False at the end of the file."""
        if self.more is None:
            return False
        added = self.more(wanted)
        if not added:
            self.more = None
            return False
        self.drop_read_part()
        self.text += added
        return True

    def drop_read_part(self) -> None:
        gone = self.text[: self.pos]
        newlines = gone.count("\n")
        self.dropped_column = len(gone) - gone.rfind("\n") - 1 if newlines else self.dropped_column + len(gone)
        self.dropped += len(gone)
        self.dropped_lines += newlines
        self.text = self.text[self.pos :]
        self.pos = 0

    def error(self, message: str, pos: int) -> JsonStreamError:
        lineno = self.dropped_lines + self.text.count("\n", 0, pos) + 1
        last_newline = self.text.rfind("\n", 0, pos)
        colno = pos - last_newline if last_newline >= 0 else self.dropped_column + pos + 1
        return JsonStreamError(message, lineno, colno)

    def skip_space(self) -> str:
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _SPACE:
                pos += 1
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self.refill():
                return ""

    def expect(self, char: str) -> None:
        if self.skip_space() != char:
            raise self.error(f"expected {char!r}", self.pos)
        self.pos += 1

    def value(self) -> Any:
        """One JSON value; depth and huge numbers become a JsonStreamError, not a crash.

        A value cut by the end of the window fails to decode (or, for a number, decodes short),
        so the window grows, doubling, until the value fits or the file ends.
        """
        self.skip_space()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.refill(max(WINDOW, len(self.text))):
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise self.error("nested too deeply", self.pos) from None
            except ValueError as exc:  # e.g. an integer longer than Python's int-string limit
                if self.refill(max(WINDOW, len(self.text))):
                    continue
                raise self.error(str(exc).split("\n")[0], self.pos) from None
            if end == len(self.text) and self.refill(WINDOW):
                continue  # a number or literal may go on in the next window
            self.pos = end
            return found


def iter_items(cursor: Cursor) -> Iterator[Any]:
    """The items of the array at the cursor, decoded one by one."""
    cursor.expect("[")
    if cursor.skip_space() == "]":
        cursor.pos += 1
        return
    while True:
        yield cursor.value()
        following = cursor.skip_space()
        cursor.pos += 1
        if following == "]":
            return
        if following != ",":
            raise cursor.error("expected ',' or ']' in an array", cursor.pos - 1)


def iter_members(cursor: Cursor, streamed: frozenset[str]) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` for each member of the top-level object, in file order.

    For a key in ``streamed`` whose value is an array, the value is an iterator over its items,
    which the caller must use up before asking for the next member.
    """
    cursor.expect("{")
    if cursor.skip_space() == "}":
        cursor.pos += 1
        return
    while True:
        if cursor.skip_space() != '"':
            raise cursor.error("expected a member name in double quotes", cursor.pos)
        key = cursor.value()
        cursor.expect(":")
        if key in streamed and cursor.skip_space() == "[":
            yield key, iter_items(cursor)
        else:
            yield key, cursor.value()
        following = cursor.skip_space()
        cursor.pos += 1
        if following == "}":
            break
        if following != ",":
            raise cursor.error("expected ',' or '}' after a member", cursor.pos - 1)
    if cursor.skip_space():
        raise cursor.error("extra data after the export", cursor.pos)
