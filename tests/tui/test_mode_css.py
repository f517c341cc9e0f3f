"""A mode's first visit styles its new screen without re-parsing the whole stylesheet (issue 15), and
theme changes still reach every screen (the pinned Textual 8.2 behaviour ``styled_as_of_now`` relies on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.home import HomeScreen
from gitops_tutor.tui.screens.stats import StatsScreen
from tests.tui.conftest import ready, settle


async def test_first_visits_to_modes_do_not_reparse_the_stylesheet(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    reparses: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparses.append("reparse")
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        for key in ("s", "l", "c", "h"):
            await pilot.press(key)
            await settle(pilot)
        assert reparses == []


def background(app: GitOpsTutorApp) -> Any:
    return app.screen.styles.background


async def test_a_theme_change_reaches_screens_built_before_and_after_it(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("l")  # Lessons: built in the first theme
        await settle(pilot)
        dark = background(app)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        light = background(app)
        assert light != dark
        await pilot.press("s")  # Stats: first built after the change
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert background(app) == light
        await pilot.press("l")  # back to the screen built before the change
        await settle(pilot)
        assert background(app) == light
