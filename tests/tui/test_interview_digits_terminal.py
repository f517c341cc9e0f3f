"""fresh-eyes-2 #3 in a real terminal: digits typed in one write with ctrl+s tick multi-choice options.

The hint said "type their numbers, e.g. 1,3" and digits did nothing; a burst of ``1 3 ctrl+s``
left the question unanswered. Same harness as ``test_burst_keys`` (one ``send-keys -l`` write).
"""

# ruff: noqa: F811 - the test takes test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from tests.tui.test_burst_keys import INTERVIEW_ANSWERS, Launch, start_interview, stored_answers
from tests.tui.test_typing_terminal import (
    CTRL_S,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
)

BY_DIGITS = {**INTERVIEW_ANSWERS, "multi-choice": ("13", "1,3")}


def test_a_whole_interview_with_multi_choice_answered_by_digits_in_one_write(launch: Launch) -> None:
    term, db_path, kinds = start_interview(launch)
    assert "multi-choice" in kinds.values()
    term.write("".join(BY_DIGITS[kinds[position]][0] + CTRL_S for position in range(5)))
    expected = {position: BY_DIGITS[kinds[position]][1] for position in range(5)}
    assert stored_answers(term, db_path, 5) == expected, kinds
