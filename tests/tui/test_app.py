"""The shell: start-up errors, content problems, theme memory, and the text-safety helpers."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Footer, Static

from gitops_tutor import paths
from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.models import ChoiceQuestion, Curriculum
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp, make_app
from gitops_tutor.tui.picking import ShuffledOptions, pick_questions
from gitops_tutor.tui.safe_text import highlighted, sanitize
from gitops_tutor.tui.screens.home import HomeScreen
from gitops_tutor.tui.screens.message import MessageScreen
from tests.tui.conftest import FIXTURES, fixed_clock, ready, settle


async def test_a_damaged_database_shows_a_message_not_a_traceback(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    db_path.write_bytes(b"this is not a database" * 100)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await settle(pilot, 1)
            if isinstance(app.screen, MessageScreen):
                break
        assert isinstance(app.screen, MessageScreen)
        assert app.startup_error is not None and "damaged" in app.startup_error
        await pilot.press("q")
    assert db_path.read_bytes().startswith(b"this is not a database")


async def test_problems_in_an_extra_pack_are_a_notification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_shipped = tmp_path / "shipped"
    empty_shipped.mkdir()
    monkeypatch.setattr(paths, "shipped_content_dir", lambda: empty_shipped)
    broken = tmp_path / "broken-pack"
    broken.mkdir()
    (broken / "lesson.yaml").write_text("kind: lesson\nid: broken\ntitle: [unclosed\n", encoding="utf-8")
    settings = Settings((FIXTURES / "good-pack", broken), tmp_path / "p.db")
    app = make_app(settings, clock=fixed_clock, seed=1)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        notes = [n for n in app._notifications if n.title == "Content problems"]
        assert notes and "lesson.yaml" in notes[0].message
        assert "error[syntax]" in notes[0].message.split("First: ")[1]  # the cause, as the CLI names it
        assert app.services is not None and "team-reconcile-basics" in app.services.curriculum.lessons


async def test_theme_is_remembered_across_restarts(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "textual-light"
    again = build_app()
    async with again.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert again.theme == "textual-light"


def test_sanitize_makes_controls_visible_but_keeps_newlines_and_tabs() -> None:
    assert sanitize("a\x1b[2Jb\x07\tc\nd\x9b") == "a\\x1b[2Jb\\x07\tc\nd\\x9b"
    assert sanitize("line\r\nnext\rx") == "line\nnext\\x0dx"


def test_highlighting_uses_original_offsets_even_when_escapes_lengthen_the_text() -> None:
    text = highlighted("\x1bab cd", [(1, 3, "green"), (4, 6, "red"), (5, 99, "blue")])
    assert isinstance(text, Text)
    assert text.plain == "\\x1bab cd"
    styled = {text.plain[s.start : s.end]: str(s.style) for s in text.spans}
    assert styled == {"ab": "green", "cd": "red"}


def test_shuffled_options_map_back_to_content_indexes(pack_curriculum: Curriculum) -> None:
    question = pack_curriculum.questions["team-pick-flux-objects"]
    assert isinstance(question, ChoiceQuestion)
    orders = {ShuffledOptions.for_question(question, random.Random(seed)).order for seed in range(20)}
    assert len(orders) > 1, "options are really shuffled"
    for order in orders:
        shuffled = ShuffledOptions(order)
        shown_correct = [order.index(i) for i in question.correct_indexes]
        assert shuffled.to_content(shown_correct) == sorted(question.correct_indexes)


def test_mixed_sessions_cover_every_question_once(pack_curriculum: Curriculum) -> None:
    ids = pick_questions(pack_curriculum, "mixed", "", random.Random(3), limit=100)
    assert sorted(ids) == sorted(pack_curriculum.questions)
    assert pick_questions(pack_curriculum, "tag", "flux", random.Random(3)) != []
    assert pick_questions(pack_curriculum, "tag", "no-such-tag", random.Random(3)) == []


async def test_keys_can_be_remapped_by_binding_id(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.tui.screens.stats import StatsScreen

    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.set_setting("keymap", {"show-stats": "x"})
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)


async def test_the_start_up_error_screen_shows_its_title_message_and_hint(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """B4: the message sat in a Middle/Center pair that collapsed it to zero width (an empty box)."""
    db_path.write_bytes(b"this is not a database" * 100)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await settle(pilot, 1)
            if isinstance(app.screen, MessageScreen):
                break
        screen = app.screen
        assert isinstance(screen, MessageScreen)
        for selector in ("#message-title", "#message-text", "#message-hint"):
            region = screen.query_one(selector).region
            assert region.width > 20 and region.height >= 1, (selector, region)
        assert "damaged" in str(screen.query_one("#message-text", Static).visual)
        assert not screen.query(Footer), "no footer offering screens that cannot open"


async def test_the_resume_toast_goes_once_the_interview_screen_is_open(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    """P11: the start-up toast about an unfinished interview stayed over the resumed interview."""
    from gitops_tutor.interview.config import InterviewConfig
    from gitops_tutor.interview.service import InterviewService
    from tests.interview.conftest import FakeClock

    clock = FakeClock()
    with ProgressStore.open(db_path, clock=clock.now) as store:
        service = InterviewService(store, pack_curriculum, clock=clock.now, monotonic=clock.monotonic)
        session = service.start(InterviewConfig(minutes=10, questions=2, seed=4, lessons=("team-reconcile-basics",)))
        session.set_answer("half")
        session.flush()
    app = build_app(clock=clock.now)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert [n.title for n in app._notifications] == ["Mock interview"]
        await pilot.press("i")
        await settle(pilot)
        assert not [n for n in app._notifications if n.title == "Mock interview"]


async def test_the_theme_key_says_what_it_did(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """P10: t switched the theme without a word.

    What was said is recorded as it is said: the toast lasts 2 seconds, and on a loaded CI machine
    restyling the whole app for the new theme took longer, so the toast was gone before the check."""
    app = build_app()
    said: list[str] = []
    notify = app.notify

    def recorded(message: str, **options: Any) -> None:
        said.append(message)
        notify(message, **options)

    app.notify = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert any("Light theme" in message for message in said), said
        assert app.current_theme.dark is False


async def test_key_bar_shows_quit_and_help_at_80_columns_and_runs_a_clicked_key(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    from gitops_tutor.tui.screens.help import HelpScreen
    from gitops_tutor.tui.widgets.keybar import KeyBar

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain  # type: ignore[union-attr]
        assert len(line) == 80 and " q Quit " in line and " ? Help " in line and line.rstrip().endswith("^p palette")
        await pilot.click(KeyBar, offset=(line.index("? Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
