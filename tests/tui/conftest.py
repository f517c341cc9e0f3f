"""Fixtures for the app tests: a fixed clock, the small fixture pack, a temporary database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp, make_app

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def tui_paths(isolated_paths: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The root fixture already redirects every user path; also keep Textual's animations off."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return isolated_paths


@pytest.fixture(scope="session")
def pack_curriculum() -> Curriculum:
    """Only the fixture pack (no shipped content), so tests stay stable while content grows."""
    result = load([FIXTURES / "good-pack"], shipped=None)
    assert not result.errors, result.errors
    return result.curriculum


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings((), db_path)


@pytest.fixture
def build_app(settings: Settings, pack_curriculum: Curriculum) -> Callable[..., GitOpsTutorApp]:
    def build(app_settings: Settings | None = None, **overrides: Any) -> GitOpsTutorApp:
        options: dict[str, Any] = {"clock": fixed_clock, "curriculum": pack_curriculum, "seed": 7}
        options.update(overrides)
        return make_app(app_settings or settings, **options)

    return build


async def settle(pilot: Pilot[Any], rounds: int = 4) -> None:
    """Let background work (loading, grading, saving) and the resulting refreshes finish."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def ready(pilot: Pilot[Any]) -> None:
    """Wait until start-up has loaded everything and Home is showing its numbers."""
    app = pilot.app
    for _ in range(200):
        await settle(pilot, 1)
        if getattr(app, "services", None) is not None and app.screen.__class__.__name__ == "HomeScreen":
            break
    await settle(pilot)
