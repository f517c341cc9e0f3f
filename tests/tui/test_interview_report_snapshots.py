"""Snapshots of the interview report screen at 80x24, 120x40 and 200x60 (long answers wrap at every width).

Regenerate after an intended visual change with
``pytest tests/tui/test_interview_report_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.conftest import settle
from tests.tui.test_interview_report_screen import ReportApp, long_report


async def _settled(pilot: Any) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"])
def test_report(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(ReportApp(long_report()), terminal_size=size, run_before=_settled)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_report_scrolled_to_the_manifest(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#iv-report").scroll_end(animate=False, immediate=True)
        await settle(pilot)

    assert snap_compare(ReportApp(long_report()), terminal_size=size, run_before=run_before)
