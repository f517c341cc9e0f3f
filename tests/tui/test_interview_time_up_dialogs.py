"""Time running out under a dialog: the interview ends with its report, whatever the dialog asked.

QA fresh-eyes-5: the Finish dialog closed when time ran out, but the "Leave the interview for now?"
dialog (a screen key such as ``h`` pressed mid-interview) stayed up, still saying "00:05 left" after
the interview had ended; "Leave for now" then left a finished interview.
"""

from __future__ import annotations

from collections.abc import Callable

from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.interview_report import InterviewReportScreen
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen
from tests.interview.conftest import FakeClock
from tests.tui.test_interview import LESSON, interview_app, wait_for_screen


async def test_time_running_out_during_the_leave_dialog_closes_it_and_shows_the_report(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    clock = FakeClock()
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("ctrl+l", "h")  # from the question list the app's keys work: Home, after asking
        await wait_for_screen(pilot, ConfirmModal)
        clock.advance(10 * 60)
        run.tick()  # the run screen's timer keeps going under the dialog
        report_screen = await wait_for_screen(pilot, InterviewReportScreen)
        assert report_screen.report.reason == "time-up"
        assert not any(isinstance(screen, ConfirmModal) for screen in pilot.app.screen_stack)
        assert pilot.app.current_mode == "interview"
