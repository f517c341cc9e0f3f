"""The mock-interview setup screen (walkthrough P9): padded like every other screen, at 80x24 and wider."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.interview import InterviewScreen
from tests.interview.conftest import FakeClock
from tests.tui.conftest import settle


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_setup_screen_text_does_not_start_at_column_0(
    build_app: Callable[..., GitOpsTutorApp], size: tuple[int, int]
) -> None:
    app = build_app(clock=FakeClock().now)
    app.start_mode = "interview"
    async with app.run_test(size=size) as pilot:
        for _ in range(100):
            await settle(pilot, 1)
            if isinstance(pilot.app.screen, InterviewScreen):
                break
        screen = pilot.app.screen
        assert isinstance(screen, InterviewScreen)
        await settle(pilot)
        lines = [strip.text for strip in screen._compositor.render_strips()]
        title = next(line for line in lines if "Mock interview" in line)
        assert title.index("Mock interview") >= 1
        for widget_id in ("#iv-title", "#iv-intro", "#iv-choices", "#iv-history"):
            assert screen.query_one(widget_id).region.x >= 1, widget_id
