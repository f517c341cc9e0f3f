"""Disputing in a real terminal (tmux): ``d``, a note and Enter typed in ONE write on the feedback.

Pilot posts keys one by one; a real terminal delivers a fast typist's burst at once, and the keys
behind ``d`` then reach the card before the dialog exists. They must land in the dialog's note (its
letters are screen keys on the card: ``s`` opens Stats, digits rate).

Not covered: an Enter typed in the same write right behind the dialog's Enter is lost 4 times in 10
under load (it should accept the suggested rating); see /work/notes/dispute.md.
"""

# ruff: noqa: F811 - the test takes test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.tui.test_typing_terminal import (
    CTRL_S,
    END,
    Terminal,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
)

Launch = Callable[..., tuple[Terminal, Path]]
WEAK_ANSWER = "only once, I think"  # the grader fails it


def test_d_a_note_and_enter_in_one_write_record_the_claim_and_nothing_else(launch: Launch) -> None:
    """On the feedback, d, the note and Enter typed at once: the note is whole, the card behind got none of
    it (no rating, no Stats); the next Enter accepts the rating the claim suggests."""
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("l" + END + "\r" + "k" + WEAK_ANSWER + CTRL_S)
    term.wait_for("How well did you know it")
    term.write("d" + "it says 1 2 3 and syncs" + "\r")
    term.wait_for("You claimed pass — recorded")
    disputes = rows(db_path, "SELECT attempt_uid, answer, verdict, claimed, note FROM disputes")
    assert [row[1:] for row in disputes] == [(WEAK_ANSWER, "fail", "pass", "it says 1 2 3 and syncs")]
    assert rows(db_path, "SELECT 1 FROM attempts") == []
    term.write("\r")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    attempts = rows(db_path, "SELECT uid, answer, verdict, rating FROM attempts")
    assert attempts == [(disputes[0][0], WEAK_ANSWER, "fail", "good")]
