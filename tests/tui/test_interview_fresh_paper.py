"""Starting a ``cgoa-exam`` mock in the app says how many of its questions are new to you (issue 14).

The adaptive presets re-ask what you missed on purpose, so they say nothing of the kind.
"""

from __future__ import annotations

from collections.abc import Callable

from gitops_tutor.interview.config import build_config
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen
from tests.interview.conftest import FakeClock
from tests.tui.test_interview import interview_app, wait_for_screen


async def test_an_exam_mock_opens_with_how_fresh_its_paper_is(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    clock = FakeClock()
    app = interview_app(build_app, clock, build_config("cgoa-exam", seed=1))
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        drawn = len(run.session.items)
    assert f"{drawn} of {drawn} questions new to you in your cgoa-exam mocks." in notes, notes


async def test_an_adaptive_mock_opens_without_it(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = interview_app(build_app, FakeClock(), build_config("standard", seed=1, questions=2))
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, InterviewRunScreen)
    assert not any("new to you" in note for note in notes), notes
