"""Lessons list, the reader (table of contents, sections marked read) and the lesson's check questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import OptionList, Tree
from textual.widgets.markdown import MarkdownTableOfContents

from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.lessons import LessonsScreen
from gitops_tutor.tui.screens.reader import ReaderScreen, lesson_markdown
from gitops_tutor.tui.screens.session import SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.tui.conftest import fixed_clock, ready, settle


def sections_read(db_path: Path) -> frozenset[str]:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        return store.lesson_progress("team-reconcile-basics").sections_read


async def open_reader(pilot: object, size_app: GitOpsTutorApp) -> ReaderScreen:
    await size_app.run_action("show('lessons')")
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(size_app.screen, ReaderScreen)
    return size_app.screen


async def test_lessons_are_listed_in_order_with_marks(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LessonsScreen)
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0)
        assert first.id == "team-reconcile-basics"
        assert "0/2 sections read" in str(first.prompt) and str(first.prompt).startswith("·")


async def test_reader_has_contents_and_marks_sections_read_as_you_scroll(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        tree = reader.query_one(MarkdownTableOfContents).query_one(Tree)
        labels = [str(node.label) for node in tree.root.children[0].children]
        assert any("The loop" in label for label in labels) and any("Why it matters" in label for label in labels)
        assert "Why it matters" not in reader.read
        reader.query_one("#lesson-scroll", VerticalScroll).scroll_end(animate=False)
        await settle(pilot)
        assert reader.read == {"The loop", "Why it matters"}
    assert sections_read(db_path) == {"The loop", "Why it matters"}


async def test_check_questions_are_answered_as_lesson_checks_and_complete_the_lesson(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        await pilot.press("k")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen) and session.source.total == 2
        assert session.question is not None and session.question.id == "team-what-does-reconcile-do"
        session.query_one(AnswerArea).insert("It compares desired state and live state and reconciles continuously.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("down", "enter", "ctrl+s")  # which-tool: Flux
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is reader
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        assert [a.mode for a in store.attempts()] == ["lesson-check", "lesson-check"]
        assert store.lesson_progress("team-reconcile-basics").completed


def test_lesson_page_keeps_sections_as_the_only_level_two_headings(pack_curriculum: object) -> None:
    lesson = pack_curriculum.lessons["team-reconcile-basics"]  # type: ignore[attr-defined]
    page = lesson_markdown(lesson)
    level_two = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    assert tuple(level_two) == lesson.sections()
    assert page.startswith("# How our clusters reconcile")
