"""A practice answer survives the terminal dying (input is sacred): the real ``gitops-tutor`` in tmux.

The answer is typed in one write, the tmux server is killed without a key to quit (as a dropped
SSH session or a closed terminal window ends the app), and the next start puts the exact text
back in the box of the same question; submitting it records it and drops the draft.
"""

# ruff: noqa: F811 - the tests take test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from tests.tui.terminal import end_session
from tests.tui.test_switch_keys import FREE_TEXT_CHOICE, Launch, on_home, practice_position
from tests.tui.test_typing_terminal import (
    CTRL_S,
    DOWN,
    FREE_TEXT,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
)


def test_an_answer_typed_before_the_terminal_died_comes_back_and_is_recorded(launch: Launch) -> None:
    term, db_path = on_home(launch)
    open_free_text = "p" + DOWN * practice_position(FREE_TEXT_CHOICE) + "\r"
    term.write(open_free_text + FREE_TEXT)
    term.wait_until(lambda: rows(db_path, "SELECT answer FROM answer_drafts") == [(FREE_TEXT,)], "the draft saved")
    [(question_id,)] = rows(db_path, "SELECT question_id FROM answer_drafts")
    end_session(term.name)  # the terminal goes away; nobody pressed a key to quit

    term, _same_db = on_home(launch)
    term.write(open_free_text)
    term.wait_for("Draft restored")
    assert FREE_TEXT[:60] in term.screen().replace("\n", "")
    term.write(CTRL_S + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    assert rows(db_path, "SELECT question_id, answer FROM attempts") == [(question_id, FREE_TEXT)]
    assert rows(db_path, "SELECT 1 FROM answer_drafts") == []
