"""Argo CD vs Flux: table, filter as you type, detail pane, which-tool drill."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.compare import CompareScreen
from gitops_tutor.tui.screens.session import SessionScreen
from tests.tui.conftest import ready, settle, with_comparison


async def open_compare(pilot: object, app: GitOpsTutorApp) -> CompareScreen:
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, CompareScreen)
    return app.screen


async def test_filter_as_you_type_and_detail_pane(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_compare(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert "Built-in web UI" in str(screen.query_one("#detail", Static).visual)
        await pilot.press("slash", *"helm")
        await settle(pilot)
        assert table.row_count == 1
        detail = str(screen.query_one("#detail", Static).visual)
        assert "HelmRelease" in detail and "When it matters: When charts rely on hooks." in detail
        await pilot.press(*"zzz")
        await settle(pilot)
        assert table.row_count == 0
        assert "No row matches" in str(screen.query_one("#detail", Static).visual)


async def test_moving_the_cursor_updates_the_detail_pane(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_compare(pilot, app)
        await pilot.press("down", "down")
        await settle(pilot)
        assert "impersonation" in str(screen.query_one("#detail", Static).visual)


async def test_which_tool_drill_asks_which_tool_questions(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await open_compare(pilot, app)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.question is not None and app.screen.question.type == "which-tool"


async def test_no_comparison_loaded_is_an_empty_state(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_compare(pilot, app)
        assert screen.query_one(DataTable).row_count == 0
        assert "No comparison is loaded" in str(screen.query_one("#detail", Static).visual)
