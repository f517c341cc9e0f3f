"""Home: the empty state for a new learner and the numbers for a returning one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.widgets import Button, Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.queries import ContinueTarget, LessonRow, continue_target
from gitops_tutor.tui.screens.home import HomeScreen
from gitops_tutor.tui.screens.reader import ReaderScreen
from gitops_tutor.tui.screens.session import SessionScreen
from tests.tui.conftest import ready, seed_progress, settle


def text_of(app: GitOpsTutorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


async def test_new_learner_sees_a_welcome_and_the_first_lesson(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "No progress yet" in text_of(app, "#today")
        assert "none yet" in text_of(app, "#weakest")
        assert str(app.screen.query_one("#continue", Button).label).startswith("Start: How our clusters reconcile")
        assert str(app.screen.query_one("#go-review", Button).label) == "Nothing due"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_returning_learner_sees_numbers_from_the_store(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    seed_progress(db_path, pack_curriculum)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        today = text_of(app, "#today")
        assert "Answered: 2" in today
        assert "Last mock interview: 64/100 borderline" in today
        assert "Due for review: 2" in today  # both seeded answers failed three days ago
        assert str(app.screen.query_one("#go-review", Button).label) == "Review 2 due"
        assert str(app.screen.query_one("#continue", Button).label).startswith("Continue: How our clusters")
        assert "1/2 sections" in text_of(app, "#lesson-progress")
        weakest = text_of(app, "#weakest")  # each spot says whether it is a lesson or an exam domain
        assert "(lesson)" in weakest and "(exam domain)" in weakest
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.start_section == "The loop"


async def test_weak_spots_button_starts_a_cram_session(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    seed_progress(db_path, pack_curriculum)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.question is not None


async def test_cram_with_no_history_says_so(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("No weak spots" in n.message for n in app._notifications)


def two_lessons(curriculum: Curriculum) -> Curriculum:
    first = curriculum.lessons["team-reconcile-basics"]
    second = replace(first, id="team-second", title="Second lesson", order=first.order + 1)
    return replace(curriculum, lessons={first.id: first, second.id: second})


def test_continue_moves_on_once_a_lesson_is_finished(pack_curriculum: Curriculum) -> None:
    """R4: Continue kept pointing at the last opened lesson after its checks were all answered."""
    curriculum = two_lessons(pack_curriculum)

    def rows(first_done: bool, second_done: bool = False) -> tuple[LessonRow, ...]:
        return (
            LessonRow("team-reconcile-basics", "How our clusters reconcile", 2, 2, first_done, 80),
            LessonRow("team-second", "Second lesson", 0, 2, second_done, None),
        )

    position = ("team-reconcile-basics", "Why it matters")
    assert continue_target(curriculum, rows(False), None) == ContinueTarget("team-reconcile-basics", None, "Start")
    assert continue_target(curriculum, rows(False), position) == ContinueTarget(
        "team-reconcile-basics", "Why it matters", "Continue"
    )
    assert continue_target(curriculum, rows(True), position) == ContinueTarget("team-second", None, "Next")
    assert continue_target(curriculum, rows(True, True), position) is None


async def test_home_offers_the_next_lesson_after_the_checks(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    from gitops_tutor.progress import ProgressStore
    from tests.tui.conftest import fixed_clock

    seed_progress(db_path, pack_curriculum)
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.complete_lesson("team-reconcile-basics")
    app = build_app(curriculum=two_lessons(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert str(app.screen.query_one("#continue", Button).label) == "Next: Second lesson"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson_id == "team-second"


def test_lesson_titles_use_the_width_there_is() -> None:
    """R5: titles were cut at 28 characters at 120 and 200 columns."""
    from gitops_tutor.tui.widgets.charts import label_width_for

    titles = ["Argo CD sync control: automation, options, waves, hooks", "Short"]
    assert label_width_for(titles, 200, suffix=16) == len(titles[0])
    assert label_width_for(titles, 80, suffix=16) == 80 - 20 - 5 - 16 - 1
    assert label_width_for(titles, 30, suffix=16) == 16
