"""Snapshots of the answering screens at 80x24, 120x40 and 200x60: a practice manifest question
(the editor gets the width) and the mock interview (below 100 columns the question list folds away).

Regenerate after an intended visual change with
``pytest tests/tui/test_snapshots_input.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.interview import REQUEST_ATTRIBUTE, InterviewRequest
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen
from gitops_tutor.tui.screens.session import ListSource, SessionScreen
from tests.interview.conftest import FakeClock
from tests.tui.conftest import ready, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40"), pytest.param((200, 60), id="200x60")]


@pytest.mark.parametrize("size", SIZES)
def test_practice_manifest_question(
    snap_compare: Any, build_app: Callable[..., GitOpsTutorApp], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Any) -> None:
        await ready(pilot)
        await pilot.app.push_screen(SessionScreen(ListSource(["team-enable-self-heal"]), "practice", "Practice"))
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_interview_question(snap_compare: Any, build_app: Callable[..., GitOpsTutorApp], size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = build_app(clock=clock.now)
    app.start_mode = "interview"
    config = InterviewConfig(minutes=10, questions=3, seed=4, lessons=("team-reconcile-basics",))
    setattr(app, REQUEST_ATTRIBUTE, InterviewRequest(config))  # noqa: B010

    async def run_before(pilot: Any) -> None:
        for _ in range(100):
            await settle(pilot, 1)
            if isinstance(pilot.app.screen, InterviewRunScreen):
                break
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
