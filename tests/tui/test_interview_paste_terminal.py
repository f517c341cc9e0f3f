"""``gitops-tutor interview`` reads a paste whole, like the study app: the real command in tmux.

The interview command built and ran the app itself and never installed the paste-safe input parser
that ``run_app`` installs. A pasted coloured ``kubectl`` output (tmux's bracketed paste) was then
cut into keys by Textual's parser: the stored interview answer was the paste's tail with its escape
codes as text, followed by its head (QA fresh-eyes-5).
"""

# ruff: noqa: F811 - the test takes test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from tests.tui.test_switch_keys import Launch
from tests.tui.test_typing_terminal import (
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
)

PASTE = "red \x1b[1;31mOutOfSync\x1b[0m desired state\nand live state\n"
TYPED_AFTER = "done"


def test_a_coloured_paste_into_an_interview_answer_arrives_whole(launch: Launch) -> None:
    term, db_path = launch("interview", "--lesson", "team-reconcile-basics", "--questions", "1", "--seed", "5")
    term.wait_for("free-text")
    term.paste_then(PASTE, TYPED_AFTER)
    expected = [("red OutOfSync desired state\nand live state\n" + TYPED_AFTER,)]
    saved = "SELECT answer FROM interview_answers"
    term.wait_until(lambda: TYPED_AFTER in str(rows(db_path, saved)), "the answer saved")
    assert rows(db_path, saved) == expected
