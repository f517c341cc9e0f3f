"""Snapshots of the main screens at 80x24, 120x40 and 200x60, with a fixed clock, seed and database
(fixture pack only): the smallest terminal the app supports, a common one and a wide one.

Regenerate after an intended visual change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and review the SVGs in ``tests/tui/__snapshots__``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.session import ListSource, SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.tui.conftest import ready, seed_progress, settle, with_comparison

SIZE = (100, 34)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40"), pytest.param((200, 60), id="200x60")]


@pytest.fixture
def seeded_app(build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum) -> GitOpsTutorApp:
    seed_progress(db_path, pack_curriculum)
    return build_app(curriculum=with_comparison(pack_curriculum))


def after(*keys: str) -> Callable[[Any], Any]:
    async def run_before(pilot: Any) -> None:
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, seeded_app: GitOpsTutorApp, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=after())


@pytest.mark.parametrize("size", SIZES)
def test_lessons(snap_compare: Any, seeded_app: GitOpsTutorApp, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=after("l"))


@pytest.mark.parametrize("size", SIZES)
def test_reader(snap_compare: Any, seeded_app: GitOpsTutorApp, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=after("l", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_comparison(snap_compare: Any, seeded_app: GitOpsTutorApp, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=after("c", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_stats(snap_compare: Any, seeded_app: GitOpsTutorApp, size: tuple[int, int]) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=after("s"))


def test_practice_result(snap_compare: Any, seeded_app: GitOpsTutorApp) -> None:
    async def run_before(pilot: Any) -> None:
        await ready(pilot)
        await pilot.app.push_screen(SessionScreen(ListSource(["team-what-does-reconcile-do"]), "practice", "Snapshot"))
        await settle(pilot)
        pilot.app.screen.query_one(AnswerArea).insert(
            "The controller compares the desired state in Git with the live state. It runs only once."
        )
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(seeded_app, terminal_size=SIZE, run_before=run_before)
