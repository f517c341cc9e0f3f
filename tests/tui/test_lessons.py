"""Lessons list, the reader (table of contents, sections marked read) and the lesson's check questions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button, Markdown, OptionList

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.queries import LessonRow
from gitops_tutor.tui.screens.lessons import LessonsScreen, lesson_text
from gitops_tutor.tui.screens.reader import (
    CONTENTS_SHOWN,
    PART_SECTIONS,
    ReaderScreen,
    Section,
    lesson_markdown,
    part_ranges,
    split_body,
)
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
        row = app.screen.shown_rows[0]  # type: ignore[attr-defined]
        assert (row.mark, row.sections_read, row.sections_total) == ("·", 0, 2)
        assert "0/2 sections read" in lesson_text(row, "").plain


async def test_reader_has_contents_and_marks_sections_read_as_you_scroll(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        contents = reader.query_one("#contents", OptionList)
        labels = [str(contents.get_option_at_index(i).prompt) for i in range(contents.option_count)]
        assert labels == ["  The loop", "  Why it matters"]
        assert "Why it matters" not in reader.read
        reader.query_one("#lesson-scroll", VerticalScroll).scroll_end(animate=False)
        await settle(pilot)
        assert reader.read == {"The loop", "Why it matters"}
        assert str(contents.get_option_at_index(1).prompt) == "✓ Why it matters"
    assert sections_read(db_path) == {"The loop", "Why it matters"}


async def answer_both_checks(pilot: Pilot[None], session: SessionScreen) -> None:
    """The fixture lesson's two checks, answered well and rated Good: a free-text one, then which-tool."""
    session.query_one(AnswerArea).insert("It compares desired state and live state and reconciles continuously.")
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("down", "enter", "ctrl+s")  # which-tool: Flux
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)


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
        await answer_both_checks(pilot, session)
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


async def test_an_opened_lesson_scrolls_with_the_keyboard_at_once(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """B9: the reader focused nothing, so PageDown/Down/End did nothing until Tab."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        scroll = reader.query_one("#lesson-scroll", VerticalScroll)
        assert app.focused is scroll
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroll.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_a_lesson_with_thousands_of_sections_opens_in_parts(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum, db_path: Path
) -> None:
    """Issue 16: 20,000 sections mounted at once froze the app for minutes; a part holds at most 25."""
    lesson = pack_curriculum.lessons["team-reconcile-basics"]
    body = "\n\n".join(f"## Section {i}\nWords about section {i}." for i in range(2_000))
    curriculum = replace(pack_curriculum, lessons={lesson.id: replace(lesson, body=body)})
    app = build_app(curriculum=curriculum)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        assert len(reader.parts) == 80
        assert len(reader.query("MarkdownH2")) == PART_SECTIONS
        assert reader.query_one("#contents", OptionList).option_count == CONTENTS_SHOWN + 1
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.part == 1
        assert "## Section 25" in reader.query_one("#lesson-md", Markdown).source
        await pilot.press("end")
        await settle(pilot)
        assert "Section 49" in reader.read
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        assert "Section 49" in store.lesson_progress(lesson.id).sections_read


def test_parts_split_by_section_count_and_size() -> None:
    small = [Section(f"s{i}", "x" * 10) for i in range(60)]
    assert part_ranges(small) == [range(0, 25), range(25, 50), range(50, 60)]
    big = [Section(f"s{i}", "x" * 40_000) for i in range(3)]
    assert part_ranges(big) == [range(0, 1), range(1, 2), range(2, 3)]
    assert part_ranges([]) == [range(0, 0)]
    intro, sections = split_body("Intro\n```\n## not a heading\n```\n## One\ntext\n## Two")
    assert intro.startswith("Intro") and [s.title for s in sections] == ["One", "Two"]


def test_lesson_summaries_show_code_without_backticks() -> None:
    """P2: the Lessons list showed raw Markdown backticks."""
    row = LessonRow("l1", "Kustomize", 0, 2, False, None)
    label = lesson_text(row, "Patch with `kustomization.yaml` and `patches`.")
    assert label.plain.endswith("Patch with kustomization.yaml and patches.")
    code = [label.plain[span.start : span.end] for span in label.spans if "cyan" in str(span.style)]
    assert code == ["kustomization.yaml", "patches"]


async def test_a_long_code_line_can_be_scrolled_sideways_not_clipped(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    """R17: code blocks clipped long lines with no scrollbar."""
    lesson = pack_curriculum.lessons["team-reconcile-basics"]
    long_line = "prune: true          # objects removed from the store are removed from the cluster too " * 2
    body = f"## The loop\n\n```yaml\n{long_line}\n```\n\n## Why it matters\nDrift is corrected."
    app = build_app(curriculum=replace(pack_curriculum, lessons={lesson.id: replace(lesson, body=body)}))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        fence = reader.query_one("MarkdownFence")
        assert fence.max_scroll_x > 0 and fence.show_horizontal_scrollbar
        assert fence.scrollbar_size_horizontal == 1


async def test_a_finished_lesson_offers_the_next_one(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum, db_path: Path
) -> None:
    """R4: after the checks the learner had only Back; a done lesson now offers the next lesson (n)."""
    first = pack_curriculum.lessons["team-reconcile-basics"]
    second = replace(first, id="team-second", title="Second lesson", order=first.order + 1)
    app = build_app(curriculum=replace(pack_curriculum, lessons={first.id: first, second.id: second}))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        reader = await open_reader(pilot, app)
        assert not reader.query_one("#next-lesson").display
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is reader, "n does nothing before the lesson is done"
        with ProgressStore.open(db_path, clock=fixed_clock) as store:
            store.complete_lesson(first.id)
        reader.on_screen_resume()  # as when the check questions' screen closes
        await settle(pilot)
        assert reader.query_one("#next-lesson").display
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson_id == "team-second"


async def test_the_end_of_the_checks_offers_the_next_lesson(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    """R4: the end-of-checks screen offered only Back; once every check is answered it offers the next lesson."""
    first = pack_curriculum.lessons["team-reconcile-basics"]
    second = replace(first, id="team-second", title="Second lesson", order=first.order + 1)
    app = build_app(curriculum=replace(pack_curriculum, lessons={first.id: first, second.id: second}))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await open_reader(pilot, app)
        await pilot.press("k")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        await answer_both_checks(pilot, session)
        assert "Second lesson" in str(session.query_one("#next-step", Button).label)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson_id == "team-second"
