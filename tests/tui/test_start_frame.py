"""Home's first frame at start-up goes out at once, with its figures in it (issue 15): Textual's 50 ms
hold on a mode switch kept the finished Home off the terminal, and nothing half-built shows instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.home import HomeScreen
from gitops_tutor.tui.screens.stats import StatsScreen
from tests.tui.conftest import ready, settle


def record_frames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, bool]]:
    """(screen class, held back by a batch/delay, Home's figures in place) for every frame drawn."""
    frames: list[tuple[str, bool, bool]] = []
    display = App._display

    def recorded(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            filled = getattr(screen, "data", None) is not None
            frames.append((type(screen).__name__, bool(self._batch_count), filled))
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", recorded)
    return frames


async def test_homes_first_frame_is_not_held_back_and_has_its_figures(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = record_frames(monkeypatch)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
    home_frames = [(held, filled) for name, held, filled in frames if name == "HomeScreen"]
    assert home_frames, "Home was never drawn"
    assert home_frames[0] == (False, True)  # out at once, with its figures
    assert all(filled for _held, filled in home_frames)


async def test_other_switches_keep_textuals_hold(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        frames = record_frames(monkeypatch)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
    stats_frames = [held for name, held, _filled in frames if name == "StatsScreen"]
    assert stats_frames and stats_frames[0] is True  # Stats' numbers come after it mounts: still masked
