"""Line mode: the same interview for screen readers and scripts, on stdin and stdout.

Each prompt starts with the time left; an answer is every line typed up to a line
holding a single ``.``. The end of input ends the interview (and submits what was
typed), which is what a script feeding a file wants; input that ends before a single
line arrived (``--resume < /dev/null``, a closed pipe) is an accident, not an answer
sheet, so the interview is kept running for a later ``--resume`` instead. Every line is
saved as it arrives, so a killed process loses at most the line being typed.

Input is read with a time-out (``ReadLine`` gets the seconds it may wait), so the
time warnings and the end of time are announced when they happen, not at the next
line: a screen-reader user must not keep typing into a finished interview.
A choice or which-tool answer that is not a choice is refused at once, as the app's
buttons would, and everything printed is made terminal-safe (pack text is untrusted).

Commands, alone on a line: ``:flag`` ``:skip`` ``:back`` ``:list`` ``:go N``
``:clear`` ``:finish``.
"""

from __future__ import annotations

import codecs
import os
import re
import select
import textwrap
import time
from collections.abc import Callable
from enum import Enum
from typing import Literal

from gitops_tutor.curriculum.models import AnyQuestion, ManifestQuestion
from gitops_tutor.interview.answers import answer_hint, answer_problem, option_lines
from gitops_tutor.interview.render import clock_text, fresh_paper_text
from gitops_tutor.interview.session import InterviewSession, TimeUp
from gitops_tutor.terminal_text import printable, wrap_lines


class Waiting(Enum):
    """What a ``ReadLine`` returns when its time-out passed before a whole line came."""

    NO_LINE_YET = "no line yet"


NO_LINE_YET = Waiting.NO_LINE_YET
Line = str | None | Literal[Waiting.NO_LINE_YET]
ReadLine = Callable[[float], Line]
Write = Callable[[str], None]
END = "."
POLL_SECONDS = 1.0
NO_INPUT_KEPT = (
    "No input arrived, so nothing was submitted: the interview is saved and still running. Go on with "
    "`gitops-tutor interview --plain --resume` (or drop it with --discard)."
)
COMMANDS_HELP = "Commands, alone on a line: :flag  :skip  :back  :list  :go N  :clear  :finish"


class _TimeRanOut(Exception):
    """Raised out of a wait for input when the countdown reaches zero."""


class LineInterview:
    """Drives a session from lines of input until it is finished (by the candidate, time, or end of input).

    ``width`` wraps what is printed between words (the terminal's width); None prints
    each paragraph as one line, which is what a script or a braille display wants.
    """

    def __init__(
        self,
        session: InterviewSession,
        read_line: ReadLine,
        write: Write,
        *,
        width: int | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None:
        self.session = session
        self.idle = idle  # called while waiting for a line (the window's lease heartbeat)
        self.read_line = read_line
        self._write = write
        self.width = width
        self.input_ended = False
        self.lines_read = 0
        self.reviewing = False

    def write(self, text: str) -> None:
        """Print one message: control characters made visible, then wrapped between words."""
        self._write(wrap_lines(printable(text), self.width))

    def run(self, resumed: bool = False) -> None:
        self._intro(resumed)
        try:
            self._run_questions()
        except _TimeRanOut:
            return

    def _run_questions(self) -> None:
        while self.session.running:
            if self._time_is_up():
                return
            self._ask_current()
            if self.input_ended and self.session.running:
                if self.lines_read == 0:
                    self.write(NO_INPUT_KEPT)
                    return
                self.write("End of input: submitting every answer so far.")
                self.session.finish()

    def _next_line(self) -> str | None:
        """The next line typed (None at the end of input), announcing alerts while waiting for it."""
        while True:
            line = self.read_line(POLL_SECONDS)
            if line is not NO_LINE_YET:
                self.lines_read += line is not None
                return line
            if self._time_is_up():
                raise _TimeRanOut
            if self.idle is not None:
                self.idle()

    def _intro(self, resumed: bool) -> None:
        s = self.session
        if resumed:
            self.write(
                f"Resuming the interview: {s.answered_count()} of {len(s.items)} answered, "
                f"{clock_text(s.remaining_seconds())} left."
            )
        else:
            follow = " Follow-up questions may be added." if s.config.follow_ups else " No follow-up questions."
            self.write(f"Mock interview: {s.config.describe()}.{follow}")
            if len(s.items) < s.config.questions:
                self.write(f"Only {len(s.items)} questions match these filters.")
            if s.new_questions is not None:
                self.write(fresh_paper_text(s.new_questions, s.drawn_count, s.config.preset) + ".")
        self.write(f"End each answer with a line holding a single '{END}'; the end of input finishes the interview.")
        self.write(COMMANDS_HELP)
        self.write(
            "No scores until the end. Every line is saved when you press Enter (a line still being typed when "
            "time runs out is not, nor one cut off by Ctrl-C); Ctrl-C stops, and --resume goes on from there."
        )

    def _time_is_up(self) -> bool:
        for event in self.session.tick():
            self.write(f"! {event.message}" if not isinstance(event, TimeUp) else event.message)
        return not self.session.running

    def _ask_current(self) -> None:
        self._show_question()
        while self.session.running:
            line = self._next_line()
            if line is None:
                self.input_ended = True
                return
            if self._handle(line):
                return
            if self._time_is_up():
                return

    def _show_question(self) -> None:
        s = self.session
        item, question = s.current_item, s.current_question
        marks = [f"{clock_text(s.remaining_seconds())} left"]
        if item.follow_up_of:
            marks.append("follow-up")
        if item.flagged:
            marks.append("flagged")
        self.write("")
        self.write(f"Question {s.position + 1} of {len(s.items)} ({', '.join(marks)})")
        self.write(question.prompt.strip())
        for line in option_lines(question):
            self.write(f"  {line}")
        self.write(answer_hint(question))
        if not item.answered:
            self._show_starter(question)
        if item.answered:
            self.write("Your answer so far (new lines are added to it; :clear starts over):")
            for line in item.answer.splitlines():
                self.write(f"  | {line}")

    def _show_starter(self, question: AnyQuestion) -> None:
        """The manifest a "fix this" question starts from, printed as it is.

        The app puts it in the editor; without it here the candidate is asked to fix a file
        never shown, and a fix typed from scratch fails checks on names only the starter gives
        (QA fresh-eyes-6). Printed unwrapped and unindented, so it can be copied back as YAML.
        """
        starter = question.starter.strip("\n") if isinstance(question, ManifestQuestion) else ""
        if not starter.strip():
            return
        self.write(f"The manifest to fix (type the whole fixed manifest, then a line holding '{END}'):")
        self._write(printable(starter))
        self.write("(end of the manifest to fix)")

    def _handle(self, line: str) -> bool:
        """Act on one line; True when the question is done (moved on or finished)."""
        command = line.strip()
        if command == END:
            if not self._answer_is_readable():
                return False
            self._move_on()
            return True
        if command.startswith(":") and self._command(command):
            return True
        if not command.startswith(":"):
            answer = self.session.current_item.answer
            self.session.set_answer(f"{answer}\n{line}" if answer else line)
            self.session.flush()
        return False

    def _command(self, command: str) -> bool:
        s = self.session
        name, _, argument = command.partition(" ")
        if name == ":flag":
            self.write("Flagged for review." if s.toggle_flag() else "Flag removed.")
        elif name == ":clear":
            s.set_answer("")
            s.flush()
            self.write("Answer cleared; type it again.")
        elif name == ":skip":
            if not self._answer_is_readable():
                return False
            self._move_on()
            return True
        elif name == ":back":
            if not self._answer_is_readable():
                return False
            s.previous()
            return True
        elif name == ":list":
            self._list()
        elif name == ":go":
            return self._answer_is_readable() and self._go(argument)
        elif name == ":finish":
            if not self._answer_is_readable():
                return False
            self._confirm_finish()
            return True
        else:
            self.write(f"Unknown command {name}. {COMMANDS_HELP}")
        return False

    def _answer_is_readable(self) -> bool:
        """False (and the answer cleared, with the reason) when a choice answer is not a choice."""
        s = self.session
        problem = answer_problem(s.current_question, s.current_item.answer)
        if problem is None:
            return True
        s.set_answer("")
        s.flush()
        self.write(f"{problem} Type your answer again, then a line with '{END}'.")
        return False

    def _move_on(self) -> None:
        """Submit and go on; after the first pass, back to the review prompt instead of the next question."""
        s = self.session
        last = s.position == len(s.items) - 1
        count = len(s.items)
        s.submit()
        follow_up_added = len(s.items) > count
        if (last or self.reviewing) and not follow_up_added:
            self._review_or_finish()

    def _review_or_finish(self) -> None:
        """After the last question: offer the unanswered and flagged ones while time is left."""
        s = self.session
        self.reviewing = True
        while s.running:
            unanswered, flagged = s.unanswered_positions(), s.flagged_positions()
            if not unanswered and not flagged:
                s.finish()
                return
            self.write("")
            if unanswered:
                self.write("Not answered: " + ", ".join(str(p + 1) for p in unanswered))
            if flagged:
                self.write("Flagged: " + ", ".join(str(p + 1) for p in flagged))
            self.write(f"Type a question number to go back to it, or '{END}' to finish.")
            line = self._next_line()
            if line is None or line.strip() in (END, ":finish"):
                s.finish()
                return
            if self._go(line.strip()):
                return

    def _go(self, argument: str) -> bool:
        s = self.session
        if argument.isdigit() and 1 <= int(argument) <= len(s.items):
            s.go_to(int(argument) - 1)
            return True
        self.write(f"There is no question {argument!r}; choose 1 to {len(s.items)}.")
        return False

    def _list(self) -> None:
        s = self.session
        for position, item in enumerate(s.items):
            marks = ("answered" if item.answered else "not answered") + (", flagged" if item.flagged else "")
            here = " <- current" if position == s.position else ""
            prompt = textwrap.shorten(s.question_at(position).prompt, width=60, placeholder=" …")
            self.write(f"  {position + 1}. [{marks}] {prompt}{here}")

    def _confirm_finish(self) -> None:
        s = self.session
        self.write(
            f"Finish now? {s.answered_count()} of {len(s.items)} answered and "
            f"{clock_text(s.remaining_seconds())} left. Type 'yes' to finish, anything else to go on."
        )
        line = self._next_line()
        if line is None or line.strip().lower() in ("y", "yes"):
            s.finish()


class StdinLines:
    """Lines from a file descriptor, waited for with a time-out (``select`` on POSIX).

    Reading the raw descriptor (not ``sys.stdin``'s buffer, which ``select`` cannot see
    into) lets the interview wake up every second to announce the time while the
    candidate is still typing. Bytes are decoded as they come, bad bytes replaced, and
    CR, LF or CRLF all end a line (a pasted answer may carry any of them).
    Where ``select`` cannot wait on the input (Windows, a test's in-memory stream),
    ``fallback`` reads whole lines without a time-out.
    """

    def __init__(self, fd: int | None, fallback: Callable[[], str | None], encoding: str = "utf-8") -> None:
        self.fd = fd if fd is not None and _can_select(fd) else None
        self.fallback = fallback
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.pending = ""
        self.ended = False

    def __call__(self, timeout: float) -> Line:
        if self.fd is None:
            return self.fallback()
        deadline = time.monotonic() + timeout
        while True:
            line = self._take_line()
            if line is not NO_LINE_YET:
                return line
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([self.fd], [], [], wait)[0]:
                return NO_LINE_YET
            self._read_available()

    def _take_line(self) -> Line:
        match = _LINE_END.search(self.pending)
        if match is not None and (match.group() != "\r" or match.end() < len(self.pending) or self.ended):
            line, self.pending = self.pending[: match.start()], self.pending[match.end() :]
            return line
        if self.ended:
            line, self.pending = self.pending, ""
            return line or None
        return NO_LINE_YET

    def _read_available(self) -> None:
        assert self.fd is not None
        chunk = os.read(self.fd, 65536)
        if chunk:
            self.pending += self.decoder.decode(chunk)
        else:
            self.pending += self.decoder.decode(b"", final=True)
            self.ended = True


_LINE_END = re.compile(r"\r\n|\r|\n")


def _can_select(fd: int) -> bool:
    """Whether ``select`` can wait on this descriptor: POSIX only, and the descriptor must be open."""
    if os.name != "posix":
        return False
    try:
        select.select([fd], [], [], 0)
    except (OSError, ValueError):
        return False
    return True
