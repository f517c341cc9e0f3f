"""Review: the due queue until it is empty, then "nothing due" and an offer to cram."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.store import NEW_PER_DAY_KEY
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.review import ReviewScreen
from gitops_tutor.tui.screens.session import SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.tui.conftest import NOW, fixed_clock, ready, seed_progress, settle


def no_new_questions(db_path: Path) -> None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.set_setting(NEW_PER_DAY_KEY, 0)


async def open_review(pilot: object, app: GitOpsTutorApp) -> ReviewScreen:
    await pilot.press("r")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_nothing_due_says_so_and_offers_cram(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    no_new_questions(db_path)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_review(pilot, app)
        assert "Nothing is due for review" in str(screen.query_one("#queue-summary", Static).visual)
        assert not screen.query_one("#start", Button).display
        assert screen.query_one("#cram", Button).has_focus


async def test_review_answers_due_cards_until_none_is_left(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    seed_progress(db_path, pack_curriculum)
    no_new_questions(db_path)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_review(pilot, app)
        assert "2 due" in str(screen.query_one("#queue-summary", Static).visual)
        await pilot.press("enter")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        for _ in range(2):
            assert session.question is not None
            if session.question.type == "free-text":
                session.query_one(AnswerArea).insert("It compares desired state and live state, continuously.")
            else:
                assert session.input is not None and session.input.shuffled is not None
                session.input.widget.focus()
                for _ in range(session.input.shuffled.order.index(0)):
                    await pilot.press("down")
                await pilot.press("enter")
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
        assert "Nothing more is due" in str(session.query_one("#finished", Static).visual)
        await pilot.press("escape")
        await settle(pilot)
        assert "Nothing is due for review" in str(screen.query_one("#queue-summary", Static).visual)
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        review_modes = [a.mode for a in store.attempts() if a.mode == "review"]
        assert len(review_modes) == 2
        due = {row["question_id"]: row["due"] for row in store.rows("SELECT question_id, due FROM cards")}
    assert all(value > NOW.isoformat() for value in due.values()), due


async def test_cram_after_review_practises_weak_spots(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    seed_progress(db_path, pack_curriculum)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await open_review(pilot, app)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.mode == "practice" and app.screen.session_title == "Cram: weak spots"
