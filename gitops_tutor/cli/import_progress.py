"""The one progress line a long ``gitops-tutor import`` keeps rewriting on a terminal.

A million-attempt import takes a minute or more; without a sign of life it looks hung. The line
is rewritten in place (carriage return) at most a few times a second, appears only once the
import has run a moment (a small import shows nothing), and ends as one clean line. Piped or
redirected stderr gets nothing: a log file should not fill with carriage returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

UPDATE_EVERY = 0.25  # seconds: at most four rewrites a second


class TerminalProgress:
    """A ``ProgressListener`` for ``import_file`` that draws on a terminal stream."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] | None = None) -> None:
        self.stream, self.clock = stream, clock or time.monotonic
        self.last_drawn = self.clock()  # nothing before the first interval: a quick import stays silent
        self.width = 0
        self.attempts = self.questions = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "attempts":
            self.attempts = done
            text = f"imported {done:,} of {approximate(total) if total > done else f'{total:,}'} attempts"
        else:
            self.questions = done
            text = f"imported {self.attempts:,} attempts; rescheduling {done:,} of {total:,} questions"
        now = self.clock()
        if now - self.last_drawn >= UPDATE_EVERY:
            self.last_drawn = now
            self.draw(text)

    def draw(self, text: str) -> None:
        """Overwrite the line; spaces cover whatever a longer earlier text left."""
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self, succeeded: bool) -> None:
        """End on one clean line: the totals after a success, an empty line (erased) after a failure."""
        if not self.width:
            return
        if succeeded:
            self.draw(f"imported {self.attempts:,} attempts; rescheduled {self.questions:,} questions")
            self.stream.write("\n")
        else:
            self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()
        self.width = 0


def approximate(total: int) -> str:
    """An estimate to two significant figures ("~1,000,000"): more digits would claim a precision it lacks."""
    digits = len(str(total))
    rounded = round(total, -(digits - 2)) if digits > 2 else total
    return f"~{rounded:,}"


def progress_for(stream: TextIO) -> TerminalProgress | None:
    """Progress only when a person watches the stream; none for a pipe or a file."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        interactive = False
    return TerminalProgress(stream) if interactive else None


@contextmanager
def progress_line(stream: TextIO) -> Iterator[TerminalProgress | None]:
    """The progress for one import, ended cleanly however the import ends (an error, Ctrl-C)."""
    progress = progress_for(stream)
    try:
        yield progress
    except BaseException:
        if progress is not None:
            progress.finish(succeeded=False)  # erased first, so the error that follows is its own line
        raise
    if progress is not None:
        progress.finish(succeeded=True)
