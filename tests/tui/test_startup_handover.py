"""Start-up reads Home's figures on the loader thread with the content, and Home shows them first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens import home as home_module
from gitops_tutor.tui.screens.home import HomeScreen
from tests.tui.conftest import ready, seed_progress, settle


async def test_home_first_shows_the_figures_read_at_start_up_then_reads_the_store_afresh(
    build_app: Callable[..., GitOpsTutorApp],
    db_path: Path,
    pack_curriculum: Curriculum,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed_progress(db_path, pack_curriculum)
    trips: list[str] = []
    read_from_store = home_module.home_data

    def counted(services: Any) -> Any:
        trips.append(type(services).__name__)
        return read_from_store(services)

    monkeypatch.setattr(home_module, "home_data", counted)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Answered: 2" in str(app.screen.query_one("#today", Static).visual)
        assert trips == []  # the loader's figures: no second trip to the store's thread
        assert app.services is not None and app.services.home_at_start is None  # handed out once
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert trips == ["Services"]  # a later visit reads the store afresh
