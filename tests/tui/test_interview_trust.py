"""fresh-eyes-2 #1 in the app: two windows on one interview never overwrite each other's answers.

The app runs on a fake clock (as in ``test_interview``). The "other window" is an
``InterviewService`` on its own connection to the same file, with the pid of this test's
parent process: a live process that is not this one, as a second app would be.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.lease import Owner
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.interview import InterviewScreen
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen, TakenOverModal
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.interview.conftest import FakeClock
from tests.tui.conftest import settle, wait_for_workers
from tests.tui.test_interview import LESSON, interview_app, wait_for_screen

ONE_FREE_TEXT = InterviewConfig(minutes=10, questions=1, seed=5, lessons=(LESSON,), follow_ups=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def other_window(store: ProgressStore, curriculum: Curriculum, clock: FakeClock) -> InterviewService:
    owner = Owner("other-window", os.getppid(), socket.gethostname())
    return InterviewService(store, curriculum, clock=clock.now, monotonic=clock.monotonic, owner=owner)


def saved_answers(db_path: Path) -> list[str]:
    with ProgressStore.open(db_path) as store:
        return [row["answer"] for row in store.rows("SELECT answer FROM interview_answers ORDER BY position")]


async def test_resuming_an_interview_open_in_another_window_asks_and_can_take_it_over(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, pack_curriculum: Curriculum, db_path: Path
) -> None:
    store = ProgressStore.open(db_path, clock=clock.now)
    try:
        elsewhere = other_window(store, pack_curriculum, clock).start(ONE_FREE_TEXT)
        elsewhere.set_answer("typed in the other window")
        elsewhere.flush()
        app = interview_app(build_app, clock, ONE_FREE_TEXT, resume=True)
        async with app.run_test(size=(120, 36)) as pilot:
            modal = await wait_for_screen(pilot, ConfirmModal)
            question = str(modal.query_one("#confirm-question").render())
            assert "This interview is open in another window (since 08:00 UTC)" in question
            await pilot.click("#confirm-take-over")
            run = await wait_for_screen(pilot, InterviewRunScreen)
            assert run.query_one(AnswerArea).text == "typed in the other window"
            await wait_for_workers(pilot.app)
        elsewhere.set_answer("typed in the other window, later")
        with pytest.raises(Exception, match="taken over in another window"):
            elsewhere.flush()
    finally:
        store.close()


async def test_a_window_that_lost_the_interview_stops_saving_and_keeps_its_text(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, pack_curriculum: Curriculum, db_path: Path
) -> None:
    app = interview_app(build_app, clock, ONE_FREE_TEXT)
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        run.query_one(AnswerArea).insert("mine, saved")
        run.save()
        await settle(pilot)
        with ProgressStore.open(db_path, clock=clock.now) as store:  # the other window takes it over
            other = other_window(store, pack_curriculum, clock)
            waiting = other.resumable()
            assert waiting is not None
            taken = other.resume(waiting, take_over=True)
            taken.set_answer("theirs")
            taken.flush()
        run.query_one(AnswerArea).insert(" and more typed here")
        clock.advance(3)
        run.tick()  # the save this tick makes finds the interview gone
        lost = await wait_for_screen(pilot, TakenOverModal)
        assert "This interview was taken over in another window." in str(lost.query_one("#iv-lost-title").render())
        assert "mine, saved and more typed here" in lost.query_one("#iv-lost-answers", TextArea).text
        assert run.lost and run.timer is None
        await pilot.click("#leave")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, InterviewRunScreen)
    assert saved_answers(db_path) == ["theirs"]  # the lost window never wrote over it, not even on quitting
    with ProgressStore.open(db_path) as store:
        kept = [json.loads(row["state_json"]) for row in store.rows("SELECT state_json FROM interview_recoveries")]
    assert kept and kept[-1]["items"][0]["answer"] == "mine, saved and more typed here"


async def test_the_launcher_says_the_waiting_interview_is_open_in_another_window(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, pack_curriculum: Curriculum, db_path: Path
) -> None:
    with ProgressStore.open(db_path, clock=clock.now) as store:
        other_window(store, pack_curriculum, clock).start(ONE_FREE_TEXT)
    app = interview_app(build_app, clock, None)
    async with app.run_test(size=(120, 36)) as pilot:
        setup = await wait_for_screen(pilot, InterviewScreen)
        await settle(pilot)
        choices = setup.query_one("#iv-choices", OptionList)
        assert "(open in another window since 08:00 UTC)" in str(choices.get_option_at_index(0).prompt)
