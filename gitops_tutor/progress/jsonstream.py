"""Read a large JSON export one member at a time, and the big arrays one item at a time.

``json.loads`` of a million-attempt export builds every dict at once (2 GB for 320 MB of text).
The export is one object whose big members are arrays of small objects, so we walk the top
level ourselves and hand each array item to ``json``'s C decoder on its own: memory stays at the
size of the text plus one item. Errors carry the line and column, as ``json`` would give them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


class JsonStreamError(ValueError):
    """Malformed JSON at a known place; ``str()`` is one line."""

    def __init__(self, message: str, text: str, pos: int) -> None:
        self.lineno = text.count("\n", 0, pos) + 1
        self.colno = pos - text.rfind("\n", 0, pos)
        self.reason = message
        super().__init__(f"{self.lineno}:{self.colno}: {message}")


class Cursor:
    """A position in the text, moved forward by the readers below."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip_space(self) -> str:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        self.pos = pos
        return text[pos] if pos < len(text) else ""

    def expect(self, char: str) -> None:
        if self.skip_space() != char:
            raise JsonStreamError(f"expected {char!r}", self.text, self.pos)
        self.pos += 1

    def value(self) -> Any:
        """One JSON value; depth and huge numbers become a JsonStreamError, not a crash."""
        self.skip_space()
        try:
            found, self.pos = _DECODER.raw_decode(self.text, self.pos)
        except json.JSONDecodeError as exc:
            raise JsonStreamError(exc.msg, self.text, exc.pos) from None
        except RecursionError:
            raise JsonStreamError("nested too deeply", self.text, self.pos) from None
        except ValueError as exc:  # e.g. an integer longer than Python's int-string limit
            raise JsonStreamError(str(exc).split("\n")[0], self.text, self.pos) from None
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
            raise JsonStreamError("expected ',' or ']' in an array", cursor.text, cursor.pos - 1)


def iter_members(text: str, streamed: frozenset[str]) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` for each member of the top-level object, in file order.

    For a key in ``streamed`` whose value is an array, the value is an iterator over its items,
    which the caller must use up before asking for the next member.
    """
    cursor = Cursor(text)
    cursor.expect("{")
    if cursor.skip_space() == "}":
        cursor.pos += 1
        return
    while True:
        if cursor.skip_space() != '"':
            raise JsonStreamError("expected a member name in double quotes", text, cursor.pos)
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
            raise JsonStreamError("expected ',' or '}' after a member", text, cursor.pos - 1)
    if cursor.skip_space():
        raise JsonStreamError("extra data after the export", text, cursor.pos)
