"""Stats reads its figures before its first layout, so a first visit lays out and renders the screen
once, with the figures in it, and reads the store once (issue 15: Stats was the slowest first visit)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui import queries
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens import stats
from gitops_tutor.tui.screens.stats import StatsScreen
from tests.tui.conftest import ready, seed_progress, settle


async def test_stats_first_layout_has_its_figures_and_the_store_is_read_once(
    build_app: Callable[..., GitOpsTutorApp],
    db_path: Path,
    pack_curriculum: Curriculum,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed_progress(db_path, pack_curriculum)
    layouts: list[bool] = []
    refresh_layout = Screen._refresh_layout

    def recorded(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        if isinstance(self, StatsScreen):
            layouts.append(self.data is not None)
        refresh_layout(self, *args, **kwargs)

    reads: list[str] = []

    def counted(services: Any) -> queries.StatsData:
        reads.append("stats")
        return queries.stats_data(services)

    monkeypatch.setattr(Screen, "_refresh_layout", recorded)
    monkeypatch.setattr(stats, "stats_data", counted)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert "Answered 2 times" in str(app.screen.query_one("#stats-figures").visual)
    assert layouts and layouts[0], "Stats was laid out before its figures came"
    assert reads == ["stats"]


async def test_stats_reads_the_store_again_on_a_later_visit(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []

    def counted(services: Any) -> queries.StatsData:
        reads.append("stats")
        return queries.stats_data(services)

    monkeypatch.setattr(stats, "stats_data", counted)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        for key in ("s", "h", "s"):
            await pilot.press(key)
            await settle(pilot)
    assert reads == ["stats", "stats"]
