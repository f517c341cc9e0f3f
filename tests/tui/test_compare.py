"""Argo CD vs Flux: table, filter as you type, detail pane, which-tool drill."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.compare import CompareScreen, marked, ranked
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
        assert "Teams that debug in a browser" in str(screen.query_one("#detail", Static).visual)
        await pilot.press("slash", *"helm")
        await settle(pilot)
        assert table.row_count == 1
        detail = str(screen.query_one("#detail", Static).visual)
        assert "Helm hooks" in detail and "When it matters: When charts rely on hooks." in detail
        assert "HelmRelease" not in detail, "below 140 columns the tools' cells are in the table, not repeated"
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
        await pilot.press("escape", "down", "down")  # Esc: from the filter (focused on arrival) to the table
        await settle(pilot)
        assert "Shared clusters" in str(screen.query_one("#detail", Static).visual)


async def test_which_tool_drill_asks_which_tool_questions(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await open_compare(pilot, app)
        await pilot.press("escape", "d")  # on arrival letters go to the filter; on the table d drills
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


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_both_tools_fit_beside_the_dimension(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum, size: tuple[int, int]
) -> None:
    """R3: at 120 columns only Dimension and Argo CD were on screen; Flux was cut off (at 200, cut at 40)."""
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await open_compare(pilot, app)
        table = screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.columns.values()]
        assert sum(widths) <= table.size.width and min(widths) >= 10
        flux = table.get_cell("sync-ui", "flux")
        assert flux.plain == "No UI of its own; use Weave GitOps."  # whole, not cut with an ellipsis


async def test_a_filter_without_matches_says_so_and_clears_the_detail(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await open_compare(pilot, app)
        await pilot.press("slash", *"zzzq")
        await settle(pilot)
        assert not screen.query_one(DataTable).display
        assert "No row matches “zzzq”" in str(screen.query_one("#no-match", Static).visual)
        assert "Web UI" not in str(screen.query_one("#detail", Static).visual)
        await pilot.press("escape")  # nothing to go to in the table: Esc clears the filter
        await settle(pilot)
        assert screen.query_one(DataTable).row_count == 3


def test_matches_rank_names_first_and_are_highlighted(pack_curriculum: Curriculum) -> None:
    dimensions = list(with_comparison(pack_curriculum).comparison.dimensions)  # type: ignore[union-attr]
    assert [d.id for d in ranked(dimensions, "web ui")] == ["sync-ui"]
    assert [d.id for d in ranked(dimensions, "hooks")] == ["helm"]
    assert [d.id for d in ranked(dimensions, "argo")][0] == "sync-ui"  # in a tool cell and the notes
    reordered = [dimensions[2], dimensions[0], dimensions[1]]
    assert [d.id for d in ranked(reordered, "helm")][0] == "helm"  # the name counts more than a cell
    cell = marked("HelmRelease runs real Helm actions.", ["helm"])
    assert [cell.plain[span.start : span.end] for span in cell.spans] == ["Helm", "Helm"]


async def test_palette_reaches_lessons_dimensions_and_weak_spots(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    """R11: lessons, comparison rows and weak spots could not be found from the palette."""
    from gitops_tutor.tui.screens.reader import ReaderScreen

    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Weak spots", "Lesson: How our clusters reconcile", "Argo vs Flux: Helm charts"} <= set(commands)
        await commands["Argo vs Flux: Helm charts"].callback()
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert "Helm hooks" in str(app.screen.query_one("#detail", Static).visual)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        await commands["Lesson: How our clusters reconcile"].callback()
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson_id == "team-reconcile-basics"
