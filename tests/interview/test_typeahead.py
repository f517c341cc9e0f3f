"""Line mode ending with words still typed at the terminal (QA fresh-eyes-6).

When the time ran out mid-line, the unfinished line stayed in the terminal and the shell read it as
its next command after the interview exited (`bash-5.2# echo LEAKED-INTO-SHELL`, run at the next
Enter), and the time-up message was printed glued to it ("halfTime is up").
"""

from __future__ import annotations

import os
import select
import time

import pytest
from click.testing import CliRunner

from gitops_tutor.cli import interview as interview_cli
from gitops_tutor.cli.main import cli
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.plain import LineInterview
from gitops_tutor.interview.service import InterviewService
from tests.interview.conftest import FIXTURES, FakeClock
from tests.interview.test_plain_mode_fixes import SilentCandidate

GUARD_SECONDS = 10
LESSON = "team-reconcile-basics"

termios = pytest.importorskip("termios")


def _read_until(fd: int, wanted: bytes) -> bytes:
    """Guard, not a timing assertion: read until ``wanted`` arrived (the terminal works asynchronously)."""
    seen = b""
    deadline = time.monotonic() + GUARD_SECONDS
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 1024)
    return seen


def test_an_unfinished_line_is_dropped_and_never_reaches_the_next_reader() -> None:
    master, slave = os.openpty()
    try:
        os.write(master, b"echo LEAKED")
        assert b"echo LEAKED" in _read_until(master, b"echo LEAKED")  # echoed: the terminal holds the line
        interview_cli.drop_typeahead(slave)
        os.write(master, b"next\n")
        assert _read_until(slave, b"\n") == b"next\n"  # without the flush: b"echo LEAKEDnext\n"
    finally:
        os.close(master)
        os.close(slave)


def test_a_pipe_is_left_alone() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"scripted line\n")
        interview_cli.drop_typeahead(read_end)
        assert os.read(read_end, 100) == b"scripted line\n"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_line_mode_drops_the_typeahead_when_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int | None] = []
    monkeypatch.setattr(interview_cli, "drop_typeahead", calls.append)
    command = ["--content", str(FIXTURES / "good-pack"), "interview", "--plain", "--lesson", LESSON]
    result = CliRunner().invoke(cli, [*command, "--questions", "1", "--seed", "4"], input="words\n.\n")
    assert result.exit_code == 0, result.output
    assert len(calls) == 1


def test_time_up_starts_on_a_line_of_its_own(service: InterviewService, clock: FakeClock) -> None:
    session = service.start(InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    output: list[str] = []
    LineInterview(session, SilentCandidate(clock), output.append).run()
    time_up = output.index("Time is up: every answer so far has been submitted.")
    assert output[time_up - 1] == ""
    assert output[output.index("! 1 minute left") - 1] == ""
