"""Line mode: the same interview for screen readers and scripts, on stdin and stdout.

Each prompt starts with the time left; an answer is every line typed up to a line
holding a single ``.``. The end of input ends the interview (and submits what was
typed), which is what a script feeding a file wants. Every line is saved as it
arrives, so a killed process loses at most the line being typed.

Commands, alone on a line: ``:flag`` ``:skip`` ``:back`` ``:list`` ``:go N``
``:clear`` ``:finish``.
"""

from __future__ import annotations

from collections.abc import Callable

from gitops_tutor.interview.answers import answer_hint, option_lines
from gitops_tutor.interview.render import clock_text
from gitops_tutor.interview.session import InterviewSession, TimeUp

ReadLine = Callable[[], "str | None"]
Write = Callable[[str], None]
END = "."
COMMANDS_HELP = "Commands, alone on a line: :flag  :skip  :back  :list  :go N  :clear  :finish"


class LineInterview:
    """Drives a session from lines of input until it is finished (by the candidate, time, or end of input)."""

    def __init__(self, session: InterviewSession, read_line: ReadLine, write: Write) -> None:
        self.session = session
        self.read_line = read_line
        self.write = write
        self.input_ended = False
        self.reviewing = False

    def run(self, resumed: bool = False) -> None:
        self._intro(resumed)
        while self.session.running:
            if self._time_is_up():
                return
            self._ask_current()
            if self.input_ended and self.session.running:
                self.write("End of input: submitting every answer so far.")
                self.session.finish()

    def _intro(self, resumed: bool) -> None:
        s = self.session
        if resumed:
            self.write(f"Resuming the interview: {s.answered_count()} of {len(s.items)} answered, "
                       f"{clock_text(s.remaining_seconds())} left.")
        else:
            self.write(f"Mock interview: {s.config.describe()}. Follow-up questions may be added.")
            if len(s.items) < s.config.questions:
                self.write(f"Only {len(s.items)} questions match these filters.")
        self.write(f"End each answer with a line holding a single '{END}'; the end of input finishes the interview.")
        self.write(COMMANDS_HELP)
        self.write("No scores until the end. Every line is saved as you type; Ctrl-C stops and keeps it for --resume.")

    def _time_is_up(self) -> bool:
        for event in self.session.tick():
            self.write(f"! {event.message}" if not isinstance(event, TimeUp) else event.message)
        return not self.session.running

    def _ask_current(self) -> None:
        self._show_question()
        while self.session.running:
            line = self.read_line()
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
        if item.answered:
            self.write("Your answer so far (new lines are added to it; :clear starts over):")
            for line in item.answer.splitlines():
                self.write(f"  | {line}")

    def _handle(self, line: str) -> bool:
        """Act on one line; True when the question is done (moved on or finished)."""
        command = line.strip()
        if command == END:
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
            self._move_on()
            return True
        elif name == ":back":
            s.previous()
            return True
        elif name == ":list":
            self._list()
        elif name == ":go":
            return self._go(argument)
        elif name == ":finish":
            self._confirm_finish()
            return True
        else:
            self.write(f"Unknown command {name}. {COMMANDS_HELP}")
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
            line = self.read_line()
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
            prompt = s.question_at(position).prompt.strip().splitlines()[0][:60]
            self.write(f"  {position + 1}. [{marks}] {prompt}{here}")

    def _confirm_finish(self) -> None:
        s = self.session
        self.write(f"Finish now? {s.answered_count()} of {len(s.items)} answered and "
                   f"{clock_text(s.remaining_seconds())} left. Type 'yes' to finish, anything else to go on.")
        line = self.read_line()
        if line is None or line.strip().lower() in ("y", "yes"):
            s.finish()
