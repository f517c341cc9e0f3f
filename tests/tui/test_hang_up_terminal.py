"""The terminal goes away a moment after the last words were typed: the real ``gitops-tutor`` in tmux.

A closed window or a dropped SSH session sends the app SIGHUP. By default that ended the process at
once, and what was typed since the last periodic copy (a practice draft every second, an interview
every two seconds) was gone on the next start (QA fresh-eyes-5). The app now leaves as ``q`` does:
the typed keys reach their answer, a practice answer is kept as a draft, an interview saves.

Each test types a first part, waits until the periodic copy holds it (so the next copy is a second or
two away), types the last words, waits until they are on screen and kills the tmux server at once.
"""

# ruff: noqa: F811 - the tests take test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.tui.terminal import WAIT_SECONDS, end_session
from tests.tui.test_switch_keys import FREE_TEXT_CHOICE, Launch, on_home, practice_position
from tests.tui.test_typing_terminal import (
    DOWN,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
)


def settled_rows(db_path: Path, sql: str, expected: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows once they are ``expected`` or the wait is over: the app saves on its way out, after the kill."""
    deadline = time.monotonic() + WAIT_SECONDS / 3
    found = rows(db_path, sql)
    while found != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        found = rows(db_path, sql)
    return found


FIRST = "It compares the desired state with the live state"
LAST = " and keeps fixing drift until they match ZQXJ"


def test_the_last_words_of_a_practice_answer_survive_the_terminal_closing(launch: Launch) -> None:
    term, db_path = on_home(launch)
    term.write("p" + DOWN * practice_position(FREE_TEXT_CHOICE) + "\r")
    term.wait_for("ctrl\\+s")
    term.write(FIRST)
    term.wait_until(lambda: rows(db_path, "SELECT answer FROM answer_drafts") == [(FIRST,)], "the first part saved")
    term.write(LAST)
    term.wait_for("ZQXJ")
    end_session(term.name)  # the window closes: nobody pressed a key to quit
    drafts = "SELECT answer FROM answer_drafts"
    assert settled_rows(db_path, drafts, [(FIRST + LAST,)]) == [(FIRST + LAST,)]


def test_the_last_words_of_an_interview_answer_survive_the_terminal_closing(launch: Launch) -> None:
    term, db_path = launch("interview", "--lesson", "team-reconcile-basics", "--questions", "1", "--seed", "5")
    term.wait_for("free-text")
    term.write(FIRST)
    saved = "SELECT answer FROM interview_answers"
    term.wait_until(lambda: rows(db_path, saved) == [(FIRST,)], "the first part saved")
    term.write(LAST)
    term.wait_for("ZQXJ")
    end_session(term.name)
    assert settled_rows(db_path, saved, [(FIRST + LAST,)]) == [(FIRST + LAST,)]
    assert rows(db_path, "SELECT status FROM interviews") == [("running",)]  # left for --resume, not finished
