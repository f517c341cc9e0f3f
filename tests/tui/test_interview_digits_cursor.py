"""fresh-eyes-2 #3 and #9: digits tick multi-choice options in the interview, and a resumed answer's cursor.

The app runs on a fake clock, as in ``test_interview``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen, NumberedSelectionList
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.interview.conftest import FakeClock
from tests.tui.conftest import burst, settle
from tests.tui.test_interview import LESSON, interview_app, wait_for_screen

FIVE = InterviewConfig(minutes=20, questions=5, seed=3, lessons=(LESSON,))
ONE_FREE_TEXT = InterviewConfig(minutes=10, questions=1, seed=5, lessons=(LESSON,), follow_ups=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def test_digits_tick_multi_choice_options_even_in_a_burst_with_ctrl_s(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    app = interview_app(build_app, clock, FIVE)
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await settle(pilot)  # mounted: its saves go through the store's thread
        kinds = [run.session.question_at(p).type for p in range(len(run.session.items))]
        position = kinds.index("multi-choice")
        run.session.go_to(position)
        await run.show_current()
        await settle(pilot)
        assert isinstance(run.answer_widget, NumberedSelectionList)
        hint = str(run.query_one("#iv-hint", Static).render())
        assert "press its number" in hint and "type their numbers" not in hint
        burst(pilot.app, "ctrl+s", text="13")
        await settle(pilot)
        assert run.session.items[position].answer == "1,3"  # submitted by the ctrl+s typed with them
        run.session.go_to(position)  # 1 again unticks it
        await run.show_current()
        await settle(pilot)
        burst(pilot.app, "ctrl+s", text="1")
        await settle(pilot)
        assert run.session.items[position].answer == "3"


async def test_a_resumed_answer_has_the_cursor_at_its_end(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, pack_curriculum: Curriculum, db_path: Path
) -> None:
    with ProgressStore.open(db_path, clock=clock.now) as store:
        service = InterviewService(store, pack_curriculum, clock=clock.now, monotonic=clock.monotonic)
        session = service.start(ONE_FREE_TEXT)
        session.set_answer("first line\nsecond line")
        session.flush()
        service.release(session.id)
    app = interview_app(build_app, clock, ONE_FREE_TEXT, resume=True)
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        area = run.query_one(AnswerArea)
        assert area.cursor_location == area.document.end == (1, len("second line"))
        await pilot.press("!")
        assert area.text == "first line\nsecond line!"
