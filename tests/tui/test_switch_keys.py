"""Keys typed together with a screen key reach the screen it opens, in order (lead's lessons-burst finding).

The real ``gitops-tutor`` in tmux: the screen key and the keys meant for the new screen go in ONE
``tmux send-keys -l`` write, as a fast typist or a text expander sends them. Textual routes the keys
behind the screen key to the old screen's widget and to the app while the new screen is still
filling its list; they must be held and handed to the new screen once its widget is ready.
Pilot (``app.run_test``) posts keys differently and never showed the loss, hence tmux.
Waits poll the screen or the database; no sleeps.
"""

# ruff: noqa: F811 - the tests take test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.tui.test_burst_keys import REVIEW_ANSWERS
from tests.tui.test_typing_terminal import (
    CTRL_S,
    DOWN,
    END,
    FIXTURES,
    FREE_TEXT,
    PASTED_MANIFEST,
    Terminal,
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
    rows,
    seed_due_cards,
)

Launch = Callable[..., tuple[Terminal, Path]]
HOME = "Welcome!|Due for review"


def on_home(launch: Launch) -> tuple[Terminal, Path]:
    term, db_path = launch()
    term.wait_for(HOME)
    return term, db_path


def test_lessons_key_end_and_enter_in_one_write_open_the_last_lesson(launch: Launch) -> None:
    term, _db_path = on_home(launch)
    term.write("l" + END + "\r")
    term.wait_for("k Check questions")
    assert "How our clusters reconcile" in term.screen()


def test_lessons_key_a_lesson_its_checks_and_an_answer_in_one_write(launch: Launch) -> None:
    """l End Enter (the lesson opens) k (its checks open), the answer, ctrl+s and a rating, all at once."""
    term, db_path = on_home(launch)
    term.write("l" + END + "\r" + "k" + FREE_TEXT + CTRL_S + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    found = rows(db_path, "SELECT question_id, answer, rating FROM attempts")
    assert found == [("team-what-does-reconcile-do", FREE_TEXT, "good")]


def test_interview_key_and_a_choice_in_one_write_start_that_preset(launch: Launch) -> None:
    """i Down Down Down Enter: the fourth choice (the CGOA exam preset) starts."""
    term, db_path = on_home(launch)
    term.write("i" + DOWN + DOWN + DOWN + "\r")
    found = term.wait_until(lambda: rows(db_path, "SELECT config_json FROM interviews"), "an interview started")
    assert '"cgoa-exam"' in found[0][0]
    term.wait_for(r"Question 1 of \d+")


def practice_position(choice_label: str) -> int:
    """Where a choice stands in the Practice menu of the content the app loads (shipped and fixture pack)."""
    from gitops_tutor import paths
    from gitops_tutor.curriculum.loader import load
    from gitops_tutor.tui.picking import practice_choices

    curriculum = load([FIXTURES / "good-pack"], shipped=paths.shipped_content_dir()).curriculum
    return [choice.label for choice in practice_choices(curriculum)].index(choice_label)


FREE_TEXT_CHOICE = "Question type: free-text"


def test_practice_key_a_choice_and_its_first_answer_in_one_write(launch: Launch) -> None:
    """p, Down to the free-text choice, Enter, the answer, ctrl+s and a rating: all in one write."""
    term, db_path = on_home(launch)
    downs = DOWN * practice_position(FREE_TEXT_CHOICE)
    term.write("p" + downs + "\r" + FREE_TEXT + CTRL_S + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    assert rows(db_path, "SELECT answer, rating FROM attempts") == [(FREE_TEXT, "good")]


def test_enter_on_the_practice_menu_and_the_first_answer_in_one_write(launch: Launch) -> None:
    """Already on Practice: Enter opens the session; the answer typed with it goes into the first question."""
    term, db_path = on_home(launch)
    term.write("p")
    term.wait_for(FREE_TEXT_CHOICE)
    term.write(DOWN * practice_position(FREE_TEXT_CHOICE) + "\r" + FREE_TEXT + CTRL_S + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    assert rows(db_path, "SELECT answer, rating FROM attempts") == [(FREE_TEXT, "good")]


def first_weak_question_kind(db_path: Path) -> str:
    """The question type the cram session starts with (the weak spots as the app reads them)."""
    from datetime import datetime, timezone
    from types import SimpleNamespace

    from gitops_tutor import paths
    from gitops_tutor.curriculum.loader import load
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.tui.queries import weak_question_ids

    curriculum = load([FIXTURES / "good-pack"], shipped=paths.shipped_content_dir()).curriculum
    with ProgressStore.open(db_path, fuzz=False) as store:
        services = SimpleNamespace(store=store, curriculum=curriculum, now=lambda: datetime.now(timezone.utc))
        first = weak_question_ids(services)[0]  # type: ignore[arg-type]
    return curriculum.questions[first].type


def test_weak_spots_key_and_the_first_answer_in_one_write(launch: Launch, tmp_path: Path) -> None:
    """w on Home reads the weak spots first; the answer and rating typed with it reach the first question."""
    seed_due_cards(tmp_path / "progress.db")
    kind = first_weak_question_kind(tmp_path / "progress.db")
    term, db_path = on_home(launch)
    term.write("w" + REVIEW_ANSWERS[kind] + "3")
    term.wait_until(lambda: len(rows(db_path, "SELECT 1 FROM attempts")) > 5, "the attempt saved")
    ((answer, rating),) = rows(db_path, "SELECT answer, rating FROM attempts ORDER BY rowid DESC LIMIT 1")
    expected = {"free-text": FREE_TEXT, "manifest": PASTED_MANIFEST, "which-tool": "flux"}.get(kind)
    assert (answer if expected else bool(answer), rating) == (expected or True, "good"), kind


CTRL_O, CTRL_Q, TAB = "\x0f", "\x11", "\t"


def test_ctrl_o_and_the_finish_button_in_one_write_finish_the_interview(launch: Launch) -> None:
    """The answer, ctrl+o, Tab (to "Finish: report") and Enter in one write: the answer counts and the report shows."""
    term, db_path = launch(
        "interview", "--lesson", "team-reconcile-basics", "--questions", "1", "--seed", "5", "--minutes", "5"
    )
    term.wait_for("Question 1 of 1")
    term.write(FREE_TEXT + CTRL_O + TAB + "\r")
    term.wait_for("Mock interview report")
    assert rows(db_path, "SELECT status FROM interviews") == [("finished",)]
    assert rows(db_path, "SELECT answer FROM interview_answers") == [(FREE_TEXT,)]


def test_interview_key_a_choice_and_ctrl_o_leave_for_later_in_one_write(launch: Launch) -> None:
    """i Enter (the quick preset starts) ctrl+o Tab Tab Enter ("Leave for later"): the keys after the Enter
    wait for the interview's first question, so ctrl+o reaches the interview and the dialog takes the rest."""
    term, db_path = on_home(launch)
    term.write("i" + "\r" + CTRL_O + TAB + TAB + "\r")
    term.wait_for("Resume the interview from")
    assert [status for (status,) in rows(db_path, "SELECT status FROM interviews")] != ["finished"]
    assert len(rows(db_path, "SELECT 1 FROM interviews")) == 1


def test_ctrl_q_keep_working_and_more_of_the_answer_in_one_write(launch: Launch) -> None:
    """A draft, ctrl+q, Enter ("Keep working"), the rest of the answer, ctrl+s and a rating in one write:
    the dialog takes the Enter and the answer box the rest, in order."""
    term, db_path = on_home(launch)
    term.write("p")
    term.wait_for(FREE_TEXT_CHOICE)
    term.write(DOWN * practice_position(FREE_TEXT_CHOICE) + "\r")
    term.wait_for("ctrl\\+s")
    first, rest = FREE_TEXT[:40], FREE_TEXT[40:]
    term.write(first + CTRL_Q + "\r" + rest + CTRL_S + "3")
    term.wait_until(lambda: rows(db_path, "SELECT 1 FROM attempts"), "the attempt saved")
    assert rows(db_path, "SELECT answer, rating FROM attempts") == [(FREE_TEXT, "good")]
