"""Keys sent in the same write as a move to another question reach the question shown next (issue 13).

The real ``gitops-tutor`` in tmux, as in ``test_typing_terminal.py``: each burst is ONE
``tmux send-keys -l`` write, so the keys after a move (ctrl+s, ctrl+b, a jump in the
question list, a rating) arrive while the next question's widget is still being built.
They must be held and typed into that widget, in order: not dropped, not typed into the
old one, never taken as screen keys. Waits poll the screen or the database; no sleeps.
"""

# ruff: noqa: F811 - the tests take test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.tui.test_typing_terminal import (
    CTRL_END,
    CTRL_S,
    DOWN,
    END,
    FIXTURES,
    FREE_TEXT,
    MANIFEST_TAIL,
    PASTED_MANIFEST,
    SPACE,
    Terminal,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
    seed_due_cards,
)

CTRL_B, CTRL_L = "\x02", "\x0c"
KINDS = {
    "team-what-does-reconcile-do": "free-text",
    "team-which-tool-kustomization": "which-tool",
    "team-pull-benefit": "single-choice",
    "team-pick-flux-objects": "multi-choice",
    "team-enable-self-heal": "manifest",
}
# In the interview options keep their content order, so each answer is known in advance.
INTERVIEW_ANSWERS = {
    "free-text": (FREE_TEXT, FREE_TEXT),
    "manifest": (CTRL_END + MANIFEST_TAIL, PASTED_MANIFEST),
    "single-choice": ("2", "2"),
    "multi-choice": (SPACE + DOWN + DOWN + SPACE, "1,3"),
    "which-tool": ("f", "flux"),
}
Launch = Callable[..., tuple[Terminal, Path]]


def start_interview(launch: Launch) -> tuple[Terminal, Path, dict[int, str]]:
    """A five-question interview on the fixture lesson, shown; the question type at each position."""
    term, db_path = launch(
        "interview", "--lesson", "team-reconcile-basics", "--questions", "5", "--seed", "3", "--minutes", "20"
    )
    term.wait_for(r"Question 1 of 5 · [a-z-]+")
    found = term.wait_until(
        lambda: rows(db_path, "SELECT position, question_id FROM interview_answers ORDER BY position"),
        "the interview saved",
    )
    return term, db_path, {position: KINDS[question_id] for position, question_id in found}


def stored_answers(term: Terminal, db_path: Path, count: int) -> dict[int, str]:
    term.wait_until(
        lambda: len(rows(db_path, "SELECT 1 FROM interview_answers WHERE answer != ''")) >= count,
        f"{count} answers saved",
    )
    return dict(rows(db_path, "SELECT position, answer FROM interview_answers"))


def test_a_whole_interview_typed_in_one_write_keeps_every_answer(launch: Launch) -> None:
    """Answer, ctrl+s, next answer, ctrl+s ...: each answer typed before its question was on screen."""
    term, db_path, kinds = start_interview(launch)
    term.write("".join(INTERVIEW_ANSWERS[kinds[position]][0] + CTRL_S for position in range(5)))
    expected = {position: INTERVIEW_ANSWERS[kinds[position]][1] for position in range(5)}
    assert stored_answers(term, db_path, 5) == expected, kinds


def test_keys_after_a_jump_in_the_list_and_ctrl_b_go_to_the_question_shown(launch: Launch) -> None:
    """ctrl+l Down Down Enter <answer to 3> ctrl+b <answer to 2>, in one write."""
    term, db_path, kinds = start_interview(launch)
    third, second = INTERVIEW_ANSWERS[kinds[2]], INTERVIEW_ANSWERS[kinds[1]]
    term.write(CTRL_L + DOWN + DOWN + "\r" + third[0] + CTRL_B + second[0])
    stored = stored_answers(term, db_path, 2)
    assert (stored[2], stored[1]) == (third[1], second[1]), kinds
    assert stored[0] == stored[3] == stored[4] == ""


def open_last_lesson(term: Terminal) -> None:
    """Open the fixture pack's lesson (the last). The list is refilled as it loads, which can undo
    the End or take the Enter, so each try checks what opened and tries again."""
    for _ in range(5):
        term.wait_until(lambda: term.write(END) or "How our clusters reconcile" in term.screen(), "the last lesson")
        term.write("\r")
        if term.wait_until(opened_a_lesson(term), "a lesson or the list") == "the fixture lesson":
            return
        if "Check questions:" in term.screen() or "k Check questions" in term.screen():
            term.write("\x1b")  # another lesson opened: back to the list
        term.wait_for("GitOps principles")
    raise AssertionError(f"the fixture lesson never opened; the screen was:\n{term.screen()}")


def opened_a_lesson(term: Terminal) -> Callable[[], str | None]:
    """Polls for a lesson screen (which one), or after a few seconds gives up on this Enter."""
    deadline = time.monotonic() + 5

    def check() -> str | None:
        screen = term.screen()
        if "k Check questions" in screen:
            return "the fixture lesson" if "How our clusters reconcile" in screen else "another lesson"
        return "nothing" if time.monotonic() > deadline else None

    return check


def test_lesson_checks_answered_and_rated_in_one_write(launch: Launch) -> None:
    """k, answer, ctrl+s, rating, next answer, rating: each reaches the card or feedback shown next."""
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("l")
    term.wait_for("GitOps principles")
    open_last_lesson(term)
    # k opens the checks; f picks Flux and submits (one key answers which-tool)
    term.write("k" + FREE_TEXT + CTRL_S + "3" + "f" + "2")
    term.wait_until(lambda: len(rows(db_path, "SELECT 1 FROM attempts")) >= 2, "two attempts saved")
    found = rows(db_path, "SELECT question_id, answer, rating FROM attempts ORDER BY rowid")
    assert found == [
        ("team-what-does-reconcile-do", FREE_TEXT, "good"),
        ("team-which-tool-kustomization", "flux", "hard"),
    ]


def first_due_card(db_path: Path) -> str:
    """The question type of the card the review starts with (the queue order is the store's)."""
    from datetime import datetime, timezone

    from gitops_tutor.curriculum.loader import load
    from gitops_tutor.progress import ProgressStore

    curriculum = load([FIXTURES / "good-pack"], shipped=None).curriculum
    with ProgressStore.open(db_path, fuzz=False) as store:
        return KINDS[store.review_queue(curriculum, datetime.now(timezone.utc))[0].question_id]


# Review shows choice options shuffled: these keys answer without knowing the order.
REVIEW_ANSWERS = {
    "free-text": FREE_TEXT + CTRL_S,
    "manifest": CTRL_END + MANIFEST_TAIL + CTRL_S,
    "single-choice": "2",  # a number picks and submits
    "multi-choice": SPACE + CTRL_S,
    "which-tool": "f",  # picks Flux and submits
}


def test_enter_on_review_and_the_first_answer_in_one_write(launch: Launch, tmp_path: Path) -> None:
    """The first card is built after Enter; the answer typed with Enter goes into it, and 3 rates it."""
    seed_due_cards(tmp_path / "progress.db")
    kind = first_due_card(tmp_path / "progress.db")
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("r")
    term.wait_for(r"\d+ due for review and")
    term.write("\r" + REVIEW_ANSWERS[kind] + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts WHERE mode = 'review'"), "the attempt saved")
    ((answer, rating),) = rows(db_path, "SELECT answer, rating FROM attempts WHERE mode = 'review'")
    expected = {"free-text": FREE_TEXT, "manifest": PASTED_MANIFEST, "which-tool": "flux"}.get(kind)
    assert (answer if expected else bool(answer), rating) == (expected or True, "good"), kind
