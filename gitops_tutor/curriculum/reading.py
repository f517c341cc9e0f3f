"""What reading a content file can report, kept apart from the YAML parser.

The start-up cache checks that each file is a regular file within the size limit and,
when nothing changed, never parses one: with these names here instead of in yamlread, a
cache hit (the app's start, ``list``) does not import PyYAML at all.
"""

from __future__ import annotations

from typing import NamedTuple

MAX_FILE_BYTES = 1_000_000


class Mark(NamedTuple):
    """A 1-based line and column in a file (a named tuple: made for every string validate scans)."""

    line: int
    column: int


class YamlError(Exception):
    """A problem that stops a file from being read at all."""

    def __init__(self, code: str, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark
